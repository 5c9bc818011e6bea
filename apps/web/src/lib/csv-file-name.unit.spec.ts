import { describe, expect, it } from '@jest/globals';
import { csvFileName } from './csv-file-name';

describe('CSV file name', () => {
  it('carries the date in the display zone', () => {
    expect(csvFileName(new Date('2026-11-30T15:30:00Z'), 'utf-8')).toBe('折り返し呼履歴_20261201.csv');
  });

  it('marks Shift_JIS files', () => {
    expect(csvFileName(new Date('2026-11-30T01:00:00Z'), 'shift_jis')).toBe('折り返し呼履歴_20261130_sjis.csv');
  });
});
