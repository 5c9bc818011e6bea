import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

/**
 * Shift_JIS output for Excel on Japanese Windows.
 *
 * iconv-lite's `shift_jis` codec is Windows-31J (CP932): it has the NEC/IBM extensions (①, ㈱, 髙, 﨑)
 * that Excel reads. For a character CP932 lacks (emoji, 𠮷 and other JIS X 0213 kanji, …) iconv-lite
 * silently writes `?` (0x3F) — indistinguishable from a real question mark. We replace each such code
 * point with 〓 (U+3013 GETA MARK, 0x81AC), the conventional Japanese "missing character" sign, so the
 * loss is visible and never silent. One 〓 per code point: an emoji ZWJ sequence becomes several 〓.
 */
export const SHIFT_JIS_REPLACEMENT = '〓';

/**
 * Characters that Mac/Unicode input produces where CP932 has a look-alike at another code point
 * (the JIS X 0208 vs CP932 mapping split). Folding them keeps 〜 in 「10時〜12時」 instead of a 〓.
 */
const CP932_LOOKALIKES: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  '\u2212': '\uFF0D', // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  '\u2014': '\u2015', // — EM DASH → ― HORIZONTAL BAR
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
};

const QUESTION_MARK = 0x3f;
const NON_ASCII = /[\u0080-\u{10FFFF}]/u;
const NON_ASCII_CODE_POINTS = /[\u0080-\u{10FFFF}]/gu;
const encodable = new Map<string, string>();

/** The text with every character CP932 cannot hold folded to its look-alike or replaced by 〓. */
export function toShiftJisSafe(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.replace(NON_ASCII_CODE_POINTS, safeCharacter);
}

function safeCharacter(character: string): string {
  let safe = encodable.get(character);
  if (safe === undefined) {
    const candidate = CP932_LOOKALIKES[character] ?? character;
    const bytes = iconv.encode(candidate, 'shift_jis');
    safe = bytes.length === 1 && bytes[0] === QUESTION_MARK ? SHIFT_JIS_REPLACEMENT : candidate;
    encodable.set(character, safe);
  }
  return safe;
}

/** What a reader of the Shift_JIS file sees for `text`: folded or replaced, encoded, decoded again. */
export function shiftJisRoundTrip(text: string): string {
  return iconv.decode(iconv.encode(toShiftJisSafe(text), 'shift_jis'), 'shift_jis');
}

/** UTF-8 bytes in, Shift_JIS (CP932) bytes out; a character split across chunks is carried over. */
export function shiftJisEncoder(): Transform {
  const decoder = new StringDecoder('utf8');
  return new Transform({
    transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      callback(null, text.length === 0 ? undefined : iconv.encode(toShiftJisSafe(text), 'shift_jis'));
    },
    flush(callback: TransformCallback) {
      const rest = decoder.end();
      callback(null, rest.length === 0 ? undefined : iconv.encode(toShiftJisSafe(rest), 'shift_jis'));
    },
  });
}
