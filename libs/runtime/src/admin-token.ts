import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from './config.js';
import { generateToken } from './tokens.js';

export interface AdminToken {
  token: string;
  /** Where it came from: the ADMIN_TOKEN variable, a file kept in the data dir, or generated just now. */
  source: 'environment' | 'data-dir' | 'generated';
  file: string | null;
}

/**
 * The first admin token: `ADMIN_TOKEN` when set; otherwise one generated once and kept in
 * `<DATA_DIR>/admin-token` (readable by the owner only), so restarts keep the same token.
 */
export async function resolveAdminToken(config: AppConfig): Promise<AdminToken> {
  if (config.adminToken) return { token: config.adminToken, source: 'environment', file: null };
  const file = path.join(config.dataDir, 'admin-token');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 16) return { token: kept, source: 'data-dir', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const token = generateToken();
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return { token, source: 'generated', file };
}
