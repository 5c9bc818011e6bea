import { describe, expect, it } from '@jest/globals';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CallbackView } from '#domain';
import { callbacksCsv } from './callbacks-csv.js';

/**
 * Exports run over up to 1,000,000 rows: our formatting (time zone, guard, labels) must cost at most
 * as much again as csv-stringify itself. ROWS is small for the suite; `CSV_BENCH_ROWS=1000000` measures.
 */
const ROWS = Number(process.env.CSV_BENCH_ROWS ?? 100_000);
const MINUTE = 60_000;

function callbackAt(i: number): CallbackView {
  const registeredAt = new Date(Date.UTC(2024, 0, 1) + i * 31_000).toISOString();
  return {
    id: `0190f6c2-7a1b-7c3d-8e4f-${String(i).padStart(12, '0')}`,
    registeredAt,
    receivedAt: new Date(Date.parse(registeredAt) - 3 * MINUTE).toISOString(),
    agent: i % 3 === 0 ? null : '山田 太郎',
    status: i % 2 === 0 ? 'incomplete' : 'complete',
    callCenter: '東京センター',
    businessLabel: '請求のお問い合わせ',
    callerNumber: '+81312345678',
    ourNumber: '0312345678',
    requestId: `req-${i}`,
    recording: null,
    memo: i % 5 === 0 ? '折り返し希望、夕方以降' : null,
    version: 3,
    completedAt: null,
  };
}

async function* rows(): AsyncGenerator<CallbackView> {
  for (let i = 0; i < ROWS; i += 1) yield callbackAt(i);
}

/** The same cells already formatted: what csv-stringify alone costs. */
async function* preformatted(): AsyncGenerator<string[]> {
  for (let i = 0; i < ROWS; i += 1) {
    const c = callbackAt(i);
    const row = [c.id, c.registeredAt, c.receivedAt, c.agent ?? '', c.status, c.callCenter, c.businessLabel ?? ''];
    yield [...row, c.callerNumber ?? '', c.ourNumber, c.requestId, c.recording ?? '', c.memo ?? ''];
  }
}

function sink(): Writable & { bytes: number } {
  const writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writable.bytes += chunk.length;
      callback();
    },
  }) as Writable & { bytes: number };
  writable.bytes = 0;
  return writable;
}

async function rowsPerSecond(run: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return ROWS / (Number(process.hrtime.bigint() - started) / 1e9);
}

describe('callbacksCsv throughput', () => {
  it('streams at least half as fast as raw csv-stringify', async () => {
    const raw = await rowsPerSecond(() =>
      pipeline(Readable.from(preformatted()), stringify({ record_delimiter: '\r\n' }), sink()),
    );
    const ours = await rowsPerSecond(() => pipeline(callbacksCsv(rows(), { timeZone: 'Asia/Tokyo' }), sink()));
    const sjis = await rowsPerSecond(() =>
      pipeline(callbacksCsv(rows(), { timeZone: 'Asia/Tokyo', encoding: 'shift_jis' }), sink()),
    );

    console.log(
      `CSV ${ROWS} rows: raw csv-stringify ${Math.round(raw)}/s, callbacksCsv utf-8 ${Math.round(ours)}/s ` +
        `(${(ours / raw).toFixed(2)}×), shift_jis ${Math.round(sjis)}/s (${(sjis / raw).toFixed(2)}×)`,
    );
    // The target is 0.5×; the suite allows for noisy shared CI machines.
    expect(ours / raw).toBeGreaterThan(0.35);
  });
});
