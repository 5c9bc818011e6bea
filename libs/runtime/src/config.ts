import path from 'node:path';
import { z } from 'zod';

/** Everything the apps read from the environment (architecture.md "Configuration"). */
export interface AppConfig {
  port: number;
  host: string;
  /** `/metrics` and `/health` of the projector and export worker processes; null = not served. */
  metricsPort: number | null;
  dataDir: string;
  adminToken: string | null;
  publicBaseUrl: string;
  displayTimeZone: string;
  eventStoreUrl: string | null;
  mongoUrl: string | null;
  redisUrl: string | null;
  /** Key prefix of the Bull queue in Redis (several deployments can share one Redis). */
  queuePrefix: string;
  smtpUrl: string | null;
  mailFrom: string;
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : null));

function urlWithSchemes(schemes: string[]) {
  return optionalText.refine(
    (value) => {
      if (value === null) return true;
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL with scheme ${schemes.map((s) => `${s}://`).join(' or ')}` },
  );
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: optionalText.refine((value) => value === null || value.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  PUBLIC_BASE_URL: urlWithSchemes(['http', 'https']),
  DISPLAY_TIME_ZONE: z.string().default('Asia/Tokyo').refine(isTimeZone, { message: 'must be an IANA time zone' }),
  EVENTSTORE_URL: urlWithSchemes(['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover']),
  MONGO_URL: urlWithSchemes(['mongodb', 'mongodb+srv']),
  REDIS_URL: urlWithSchemes(['redis', 'rediss']),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'must be 1-64 letters, digits or _ : . -')
    .default('orikaeshi'),
  SMTP_URL: urlWithSchemes(['smtp', 'smtps']),
  MAIL_FROM: z.string().min(3).default('Orikaeshi <no-reply@orikaeshi.local>'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads and validates the configuration; every bad variable is named in one ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    metricsPort: e.METRICS_PORT ?? null,
    dataDir: path.resolve(e.DATA_DIR),
    adminToken: e.ADMIN_TOKEN,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    displayTimeZone: e.DISPLAY_TIME_ZONE,
    eventStoreUrl: e.EVENTSTORE_URL,
    mongoUrl: e.MONGO_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    logLevel: e.LOG_LEVEL,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** For process entry points: the configuration, or a message naming every bad variable and exit code 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
