/**
 * Splits the 絞り込み text into keywords the way the server matches them: NFKC (全角 = 半角, so
 * full-width spaces separate too), any run of white space separates, empty pieces dropped.
 */
export function splitKeywords(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/\s+/u)
    .filter((keyword) => keyword.length > 0);
}

/** The `q` parameter sent to the server: the keywords joined by one half-width space. */
export function normalizeNarrowing(text: string): string {
  return splitKeywords(text).join(' ');
}
