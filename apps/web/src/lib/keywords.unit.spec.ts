import { describe, expect, it } from '@jest/globals';
import { normalizeNarrowing, splitKeywords } from './keywords';

describe('narrowing keywords', () => {
  it('splits on half-width and full-width spaces', () => {
    expect(splitKeywords('佐藤 東京　営業')).toEqual(['佐藤', '東京', '営業']);
  });

  it('folds full-width letters and digits to half-width (NFKC)', () => {
    expect(splitKeywords('ＡＢＣ　０３１２')).toEqual(['ABC', '0312']);
    expect(splitKeywords('ｶﾀｶﾅ')).toEqual(['カタカナ']);
  });

  it('drops empty pieces from repeated or surrounding spaces', () => {
    expect(splitKeywords('  a　　 b  ')).toEqual(['a', 'b']);
    expect(splitKeywords('　 ')).toEqual([]);
  });

  it('joins the keywords with one half-width space for the server', () => {
    expect(normalizeNarrowing(' 佐藤　ＡＢＣ ')).toBe('佐藤 ABC');
  });
});
