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

/** Structured JSON logs, one object per line, at the configured level. */
export function jsonLogger(level: string): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: levelsFrom[level] ?? levelsFrom.info });
}
