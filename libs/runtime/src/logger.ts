import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const levelsFrom: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * Nest's start-up chatter (one line per module and per route) is useful when debugging the wiring and
 * noise otherwise: it would bury the start banner. Those contexts log at `debug`.
 */
const bootstrapContexts = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

class JsonLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && bootstrapContexts.has(context)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}

/** Structured JSON logs, one object per line, at the configured level. */
export function jsonLogger(level: string): ConsoleLogger {
  return new JsonLogger({ json: true, logLevels: levelsFrom[level] ?? levelsFrom.info });
}
