import { describe, expect, it } from '@jest/globals';
import { text } from 'node:stream/consumers';
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { CallbackView } from '#read-store';
import { CALLBACK_CSV_HEADERS, callbacksCsv, csvContentType, csvFileName, guardFormula } from './callbacks-csv.js';
import { aCallback, rowsOf } from './callback-rows.spec-helper.js';
import { toShiftJisSafe } from './shift-jis.js';

async function utf8Csv(...callbacks: CallbackView[]): Promise<{ raw: Buffer; records: string[][] }> {
  const raw = await buffer(callbacksCsv(rowsOf(...callbacks), { encoding: 'utf-8', timeZone: 'Asia/Tokyo' }));
  return { raw, records: parse(raw, { bom: true }) as string[][] };
}

describe('callbacksCsv', () => {
  it('writes a BOM, the Japanese headers in screen order and CRLF line endings', async () => {
    const { raw, records } = await utf8Csv(aCallback());

    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(records[0]).toEqual([...CALLBACK_CSV_HEADERS]);
    expect(records[0]).toEqual(
      'ID,登録日時,着信日時,担当者,対応状況,コールセンター名,業務ラベル名,相手の番号,こちらの番号,リクエストID,録音,メモ'.split(
        ',',
      ),
    );
    expect(raw.toString('utf8').split('\r\n')).toHaveLength(3); // header, one row, empty after the last CRLF
  });

  it('round-trips Japanese text and shows times in the display zone, status in Japanese, null as empty', async () => {
    const { records } = await utf8Csv(aCallback());

    expect(records[1]).toEqual([
      'cb-1',
      '2025-01-02 12:04:05',
      '2025-01-02 12:00:00',
      '山田 太郎',
      '未完了',
      '東京センター',
      '請求のお問い合わせ',
      '="+81312345678"',
      '="0312345678"',
      'req-1',
      '',
      '',
    ]);
  });

  it('keeps a memo with commas, quotes and newlines (LF, CRLF, lone CR) in one cell', async () => {
    const memo = '折り返し希望, "至急"\n2行目\r\n3行目\r4行目';
    const { records } = await utf8Csv(aCallback({ memo, status: 'complete', agent: null }));

    expect(records).toHaveLength(2);
    expect(records[1][11]).toBe(memo);
    expect(records[1][4]).toBe('完了');
    expect(records[1][3]).toBe('');
  });

  it('neutralises formulas in free-text cells with a leading apostrophe', async () => {
    const { records } = await utf8Csv(
      aCallback({
        memo: '=HYPERLINK("http://x","y")',
        agent: '+cmd',
        callCenter: '-1+1',
        businessLabel: '@SUM(A1)',
        requestId: '\tx',
        recording: '＝1+1',
      }),
    );

    expect(records[1][11]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(records[1][3]).toBe(`'+cmd`);
    expect(records[1][5]).toBe(`'-1+1`);
    expect(records[1][6]).toBe(`'@SUM(A1)`);
    expect(records[1][9]).toBe(`'\tx`);
    expect(records[1][10]).toBe(`'＝1+1`);
  });

  it('writes normalised phone numbers as text formulas, and guards a phone cell that is not one', async () => {
    const { records } = await utf8Csv(aCallback({ callerNumber: '+81312345678', ourNumber: '=1+2' }));
    expect(records[1][7]).toBe('="+81312345678"');
    expect(records[1][8]).toBe(`'=1+2`);

    const other = await utf8Csv(aCallback({ callerNumber: '09012345678', ourNumber: '0312345678"&A1' }));
    expect(other.records[1][7]).toBe('="09012345678"');
    expect(other.records[1][8]).toBe('0312345678"&A1');
  });

  it.each(['\u2212', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫'])(
    'guards a cell starting with %s, in UTF-8 and in Shift_JIS',
    async (first) => {
      const memo = `${first}1+1`;
      const { records } = await utf8Csv(aCallback({ memo }));
      expect(records[1][11]).toBe(`'${memo}`);
      const raw = await buffer(callbacksCsv(rowsOf(aCallback({ memo })), { encoding: 'shift_jis', timeZone: 'UTC' }));
      expect((parse(iconv.decode(raw, 'shift_jis')) as string[][])[1][11]).toMatch(/^'/);
    },
  );

  it('guards every character whose Shift_JIS bytes a spreadsheet reads as a formula start', () => {
    // Asks the encoder about every code point: the cell's first bytes in the file must be neither an
    // ASCII trigger nor CP932's ＝ ＋ － ＠, unless the cell starts with the apostrophe guard.
    const asciiTriggers = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);
    const fullWidthTriggers = new Set([0x8181, 0x817b, 0x817c, 0x8197]); // ＝ ＋ － ＠ in CP932
    const unguarded: string[] = [];
    for (let codePoint = 0; codePoint <= 0xffff; codePoint += 1) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const cell = guardFormula(`${String.fromCodePoint(codePoint)}1`);
      const bytes = iconv.encode(toShiftJisSafe(cell), 'shift_jis');
      const startsFormula = asciiTriggers.has(bytes[0]) || fullWidthTriggers.has(bytes.readUInt16BE(0));
      if (startsFormula) unguarded.push(`U+${codePoint.toString(16).toUpperCase()}`);
    }
    expect(unguarded).toEqual([]);
    // Beyond the BMP CP932 maps nothing (every code point becomes iconv-lite's '?'), so none can trigger.
    const astral = Array.from({ length: 0x10ffff - 0xffff }, (_, i) => String.fromCodePoint(0x10000 + i)).join('');
    expect(new Set(iconv.encode(astral, 'shift_jis'))).toEqual(new Set([0x3f]));
  });

  it('writes Shift_JIS (CP932) without BOM, with 〓 for characters Shift_JIS lacks', async () => {
    const memo = '𠮷野家で😀 ①㈱髙﨑 10時〜12時';
    const raw = await buffer(
      callbacksCsv(rowsOf(aCallback({ memo })), { encoding: 'shift_jis', timeZone: 'Asia/Tokyo' }),
    );
    const records = parse(iconv.decode(raw, 'shift_jis')) as string[][];

    expect([...raw.subarray(0, 2)]).toEqual([...Buffer.from('ID')]);
    expect(records[0]).toEqual([...CALLBACK_CSV_HEADERS]);
    expect(records[1][3]).toBe('山田 太郎');
    // 𠮷 and the emoji are each one visible 〓, not iconv-lite's default '?'; 〜 folds to CP932's ～.
    expect(records[1][11]).toBe('〓野家で〓 ①㈱髙﨑 10時～12時');
  });

  it('emits the error of the rows source on the returned stream', async () => {
    async function* failing(): AsyncGenerator<CallbackView> {
      yield aCallback();
      throw new Error('cursor lost');
    }
    await expect(text(callbacksCsv(failing(), { timeZone: 'Asia/Tokyo' }))).rejects.toThrow('cursor lost');
  });

  it('stops pulling rows when the consumer goes away', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<CallbackView> {
      try {
        for (;;) {
          pulled += 1;
          yield aCallback({ id: `cb-${pulled}`, memo: 'x'.repeat(500) });
        }
      } finally {
        closed = true;
      }
    }
    const csv = callbacksCsv(endless(), { timeZone: 'Asia/Tokyo' });
    for await (const _chunk of csv) break; // reading one chunk, then abandoning the stream

    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(1_000); // back-pressure: it did not run ahead through the source
  });

  it('refuses an unknown time zone before writing anything', () => {
    expect(() => callbacksCsv(rowsOf(), { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('csvFileName and csvContentType', () => {
  it('names the file with the local time of the export, ASCII only', () => {
    const at = new Date('2025-01-02T15:04:05Z');
    expect(csvFileName({ at, timeZone: 'Asia/Tokyo' })).toBe('callbacks_20250103_000405.csv');
    expect(csvFileName({ at, timeZone: 'UTC', kind: 'async search', encoding: 'shift_jis' })).toBe(
      'async-search_20250102_150405_sjis.csv',
    );
  });

  it('declares the charset of each encoding', () => {
    expect(csvContentType('utf-8')).toBe('text/csv; charset=utf-8');
    expect(csvContentType('shift_jis')).toBe('text/csv; charset=Shift_JIS');
  });
});
