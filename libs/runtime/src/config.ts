import { createRequire } from 'node:module';
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
  /** The administrator's sign-in password for the screen; generated once into the data dir when unset. */
  adminPassword: string | null;
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
  /** Largest recording `POST /recordings` accepts (default 20 MiB); a larger upload is refused with 413. */
  recordingLimitBytes: number;
  /** `PII_MASTER_KEY`: wraps the per-callback data keys; null = kept in the data dir (embedded only). */
  piiMasterKey: Buffer | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** A browser session unused this long ends (`SESSION_IDLE_HOURS`, default 8). */
  sessionIdleMs: number;
  /** A browser session ends this long after sign-in however much it is used (`SESSION_MAX_DAYS`, default 7). */
  sessionMaxMs: number;
  /** Live event streams (`GET /events`) one account may hold open at once (`LIVE_STREAMS_PER_ACCOUNT`, default 5). */
  liveStreamsPerAccount: number;
  /**
   * Who checkpoints the SQLite write-ahead logs of the embedded family. Absent: each connection that
   * commits, as SQLite does by default. `background`: the all-in-one process's checkpoint thread (see
   * `walAutoCheckpointPages`); set by the process, not by the environment.
   */
  walCheckpoints?: 'background';
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

/**
 * A connection string checked by the official client that will use it, so the configuration accepts
 * exactly what that client accepts (multi-host strings included) and refuses the rest at start, with the
 * variable's name and the client's own reason. Neither client connects while parsing.
 */
function connectionString(client: string, parse: (value: string) => void) {
  return optionalText.superRefine((value, context) => {
    if (value === null) return;
    try {
      parse(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      context.addIssue({ code: 'custom', message: `not a connection string the ${client} client accepts: ${reason}` });
    }
  });
}

/**
 * The production family's clients are loaded only to check a variable that is set: the embedded family
 * (`npm start`) never loads them (tens of MB and half a second). `require` rather than `import()` because
 * the configuration is read synchronously; both clients are CommonJS packages.
 */
const requireClient = createRequire(import.meta.url);

function parseEventStoreUrl(value: string): void {
  const { EventStoreDBClient } = requireClient('@eventstore/db-client') as typeof import('@eventstore/db-client');
  // Parses (and checks any certificate files named); the client opens no channel before its first call.
  void EventStoreDBClient.connectionString(value).dispose();
}

function parseMongoUrl(value: string): void {
  const { MongoClient } = requireClient('mongodb') as typeof import('mongodb');
  // The driver parses and validates every option in the constructor; it connects only on connect().
  new MongoClient(value);
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
  ADMIN_PASSWORD: optionalText.refine((value) => value === null || [...value].length >= 12, {
    message: 'must be at least 12 characters',
  }),
  PUBLIC_BASE_URL: urlWithSchemes(['http', 'https']),
  DISPLAY_TIME_ZONE: z.string().default('Asia/Tokyo').refine(isTimeZone, { message: 'must be an IANA time zone' }),
  EVENTSTORE_URL: connectionString('EventStoreDB (esdb:// or esdb+discover://)', parseEventStoreUrl),
  MONGO_URL: connectionString('MongoDB (mongodb:// or mongodb+srv://)', parseMongoUrl),
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
  RECORDING_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  PII_MASTER_KEY: optionalText.refine((value) => value === null || masterKeyBytes(value) !== null, {
    message: 'must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)',
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(7),
  LIVE_STREAMS_PER_ACCOUNT: z.coerce.number().int().min(1).max(100).default(5),
});

/** 32 bytes from 64 hex digits or base64; null for anything else. */
export function masterKeyBytes(text: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/]{43}=?$/.test(text)
      ? Buffer.from(text, 'base64')
      : null;
  return bytes?.length === 32 ? bytes : null;
}

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
    adminPassword: e.ADMIN_PASSWORD,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    displayTimeZone: e.DISPLAY_TIME_ZONE,
    eventStoreUrl: e.EVENTSTORE_URL,
    mongoUrl: e.MONGO_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    recordingLimitBytes: e.RECORDING_LIMIT_BYTES,
    piiMasterKey: e.PII_MASTER_KEY ? masterKeyBytes(e.PII_MASTER_KEY) : null,
    logLevel: e.LOG_LEVEL,
    sessionIdleMs: Math.round(e.SESSION_IDLE_HOURS * 60 * 60 * 1000),
    sessionMaxMs: Math.round(e.SESSION_MAX_DAYS * 24 * 60 * 60 * 1000),
    liveStreamsPerAccount: e.LIVE_STREAMS_PER_ACCOUNT,
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
