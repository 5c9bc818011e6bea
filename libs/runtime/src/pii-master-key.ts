import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { type AppConfig, ConfigError, masterKeyBytes } from './config.js';

/**
 * The master key that wraps every data key: `PII_MASTER_KEY` when set; otherwise (embedded family) one
 * generated once into `<DATA_DIR>/pii-master-key`, readable by the owner only, with a warning on every start:
 * losing that file makes every caller number and memo unreadable.
 */
export async function resolvePiiMasterKey(config: AppConfig): Promise<Buffer> {
  if (config.piiMasterKey) return config.piiMasterKey;
  if (config.eventStoreUrl) {
    // Every process of a deployment must share one master key: none may invent its own.
    throw new ConfigError(['PII_MASTER_KEY: required with EVENTSTORE_URL (every process must use the same key)']);
  }
  const file = path.join(config.dataDir, 'pii-master-key');
  let key: Buffer | null = null;
  try {
    key = masterKeyBytes((await readFile(file, 'utf8')).trim());
    if (!key) throw new Error(`${file} does not hold a 32-byte key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!key) {
    await mkdir(config.dataDir, { recursive: true });
    key = randomBytes(32);
    // 'wx': two processes starting on one data dir never overwrite each other's key.
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      key = masterKeyBytes((await readFile(file, 'utf8')).trim());
    });
  }
  new Logger('personal-data').warn(
    `personal data is encrypted with the master key kept in ${file}: back it up (or set PII_MASTER_KEY); without it no caller number or memo can be read`,
  );
  return key!;
}
