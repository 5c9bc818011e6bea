import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#domain';
import { assertJsonDepth, decodeUtf8Body, maxJsonDepth } from './json-body.js';

describe('JSON body checks', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(() => assertJsonDepth('['.repeat(maxJsonDepth) + ']'.repeat(maxJsonDepth))).not.toThrow();
    expect(() => assertJsonDepth('{"a":' + '['.repeat(maxJsonDepth) + ']'.repeat(maxJsonDepth) + '}')).toThrow(
      DomainError,
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ memo: '['.repeat(1_000) + '\\"{{{' });
    expect(() => assertJsonDepth(text)).not.toThrow();
  });

  it('decodes UTF-8 and refuses bytes that are not', () => {
    expect(decodeUtf8Body(Buffer.from('{"memo":"折り返し"}'))).toBe('{"memo":"折り返し"}');
    expect(() => decodeUtf8Body(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toThrow(DomainError);
  });
});
