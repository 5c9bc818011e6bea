import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { CsvEncoding } from '#domain';
import { aCallback, rowsOf } from './callback-rows.spec-helper.js';
import { callbacksCsv } from './callbacks-csv.js';

// Opens our CSV in a real spreadsheet (LibreOffice Calc, headless) and reads the cells back as the
// spreadsheet computed them. No soffice is a failure, never a skip: CI installs libreoffice-calc-nogui.
const run = promisify(execFile);
const soffice = process.env.SOFFICE ?? 'soffice';

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-calc-'));
  try {
    await run(soffice, ['--version']);
  } catch (error) {
    throw new Error(
      `LibreOffice (${soffice}) is not runnable: install libreoffice-calc-nogui (CI: .ci/run). ${String(error)}`,
    );
  }
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** CSV import character set codes of LibreOffice's filter options (76 = UTF-8, 64 = Shift_JIS/CP932). */
const charsetToken: Record<CsvEncoding, string> = { 'utf-8': '76', shift_jis: '64' };

/**
 * Imports `csv` as a spreadsheet would open it (comma separated, double-quoted, formulas evaluated) and
 * exports the computed cell values as UTF-8 CSV.
 */
async function openInCalc(csv: Buffer, encoding: CsvEncoding): Promise<string[][]> {
  const dir = await mkdtemp(path.join(workDir, 'run-'));
  const input = path.join(dir, 'callbacks.csv');
  await writeFile(input, csv);
  await run(
    soffice,
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      `--infilter=CSV:44,34,${charsetToken[encoding]},1`,
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      path.join(dir, 'out'),
      input,
    ],
    { timeout: 120_000 },
  );
  const [output] = await readdir(path.join(dir, 'out'));
  if (output === undefined) throw new Error(`LibreOffice wrote no file for ${input}`);
  return parse(await readFile(path.join(dir, 'out', output)), { bom: true, relax_column_count: true }) as string[][];
}

const rows = [
  aCallback({ id: 'a', callerNumber: '09012345678', ourNumber: '+81312345678', memo: '=1+1' }),
  aCallback({ id: 'b', callerNumber: '0120000111', ourNumber: '+819012345678', memo: '\u22121+1' }),
  aCallback({ id: 'c', callerNumber: '00112345', ourNumber: '0312345678', memo: '＝1+1' }),
];

describe.each(['utf-8', 'shift_jis'] as const)('the %s CSV opened in LibreOffice Calc', (encoding) => {
  it('keeps the leading 0 and + of every phone number and evaluates no user text', async () => {
    const csv = await buffer(callbacksCsv(rowsOf(...rows), { encoding, timeZone: 'Asia/Tokyo' }));

    const cells = await openInCalc(csv, encoding);

    expect(cells[0][7]).toBe('相手の番号');
    expect(cells.slice(1).map((row) => [row[0], row[7], row[8]])).toEqual([
      ['a', '09012345678', '+81312345678'],
      ['b', '0120000111', '+819012345678'],
      ['c', '00112345', '0312345678'],
    ]);
    // Guarded memos stay text: none is computed to 2.
    expect(cells.slice(1).map((row) => row[11])).toEqual([
      "'=1+1",
      encoding === 'utf-8' ? "'\u22121+1" : "'－1+1",
      "'＝1+1",
    ]);
  });
});
