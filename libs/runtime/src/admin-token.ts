import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from './config.js';
import { generatePassword, generateToken } from './tokens.js';

export interface KeptSecret {
  value: string;
  /** Where it came from: a variable, a file kept in the data dir, or generated just now. */
  source: 'environment' | 'data-dir' | 'generated';
  file: string | null;
}

export interface AdminToken {
  token: string;
  source: KeptSecret['source'];
  file: string | null;
}

/**
 * The first admin token: `ADMIN_TOKEN` when set; otherwise one generated once and kept in
 * `<DATA_DIR>/admin-token` (readable by the owner only), so restarts keep the same token.
 */
export async function resolveAdminToken(config: AppConfig): Promise<AdminToken> {
  const kept = await keptSecret(config, config.adminToken, 'admin-token', 16, generateToken);
  return { token: kept.value, source: kept.source, file: kept.file };
}

/**
 * The administrator's sign-in password for the screen: `ADMIN_PASSWORD` when set; otherwise one generated
 * once and kept in `<DATA_DIR>/admin-password` (owner only), so a newcomer can sign in after `npm start`.
 */
export function resolveAdminPassword(config: AppConfig): Promise<KeptSecret> {
  return keptSecret(config, config.adminPassword, 'admin-password', 12, generatePassword);
}

async function keptSecret(
  config: AppConfig,
  fromEnvironment: string | null,
  fileName: string,
  minLength: number,
  generate: () => string,
): Promise<KeptSecret> {
  if (fromEnvironment) return { value: fromEnvironment, source: 'environment', file: null };
  const file = path.join(config.dataDir, fileName);
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= minLength) return { value: kept, source: 'data-dir', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const value = generate();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return { value, source: 'generated', file };
}
