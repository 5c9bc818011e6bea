import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/** A download as raw bytes (the JSON test client decodes bodies as UTF-8, which Shift_JIS is not). */
export async function download(baseUrl: string, token: string, path: string) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Parses CSV bytes with a standard parser, as a spreadsheet or script of the user would. */
export function parseCsv(bytes: Buffer, encoding: 'utf-8' | 'shift_jis' = 'utf-8'): string[][] {
  const text = encoding === 'shift_jis' ? iconv.decode(bytes, 'Shift_JIS') : bytes.toString('utf8');
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

export const screenHeaders = [
  'ID',
  '登録日時',
  '着信日時',
  '担当者',
  '対応状況',
  'コールセンター名',
  '業務ラベル名',
  '相手の番号',
  'こちらの番号',
  'リクエストID',
  '録音',
  'メモ',
];
