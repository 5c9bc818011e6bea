import { describe, expect, it } from '@jest/globals';
import { callbackIdFor } from './callback-id.js';

describe('callbackIdFor', () => {
  it('gives a retried registration the same callback id, and another requestId another one', () => {
    expect(callbackIdFor('pbx-2026-0001')).toBe(callbackIdFor('  pbx-2026-0001 '));
    expect(callbackIdFor('pbx-2026-0001')).not.toBe(callbackIdFor('pbx-2026-0002'));
  });

  it('is a name-based UUID (version 5), stable across releases', () => {
    const id = callbackIdFor('pbx-2026-0001');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Stored streams are named by it: a change of namespace or hashing would orphan every stored callback.
    expect(id).toBe('9340f019-3935-5904-bf9b-e75aaec12799');
  });
});
