import { DomainError } from '#domain';

/** Deeper than any body of api.md needs (the deepest is a few levels); bounds every later walk over it. */
export const maxJsonDepth = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The body's bytes as text; bytes that are not UTF-8 are refused instead of becoming U+FFFD. */
export function decodeUtf8Body(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw DomainError.validation([{ field: '(body)', message: 'must be UTF-8 encoded' }]);
  }
}

/**
 * Refuses JSON text nesting arrays and objects deeper than `maxJsonDepth`, before it is parsed: one
 * linear pass over the text (brackets inside strings do not count), so nothing recursive ever sees it.
 */
export function assertJsonDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: the next character is escaped
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > maxJsonDepth) {
        throw DomainError.validation([
          { field: '(body)', message: `must not nest deeper than ${maxJsonDepth} levels` },
        ]);
      }
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
}
