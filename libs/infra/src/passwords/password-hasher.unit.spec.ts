import { describe, expect, it } from '@jest/globals';
import { cheapScryptForTests, defaultScrypt, PasswordHasher } from './password-hasher.js';

const hasher = new PasswordHasher(cheapScryptForTests);

describe('PasswordHasher', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('salts every hash: the same password twice gives different strings, both verifiable', async () => {
    const [first, second] = await Promise.all([
      hasher.hash('おりかえしよびパスワード'),
      hasher.hash('おりかえしよびパスワード'),
    ]);
    expect(first).not.toBe(second);
    expect(await hasher.verify('おりかえしよびパスワード', first)).toBe(true);
    expect(await hasher.verify('おりかえしよびパスワード', second)).toBe(true);
  });

  it('encodes its parameters, salt and key, and never the password', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('horse');
  });

  it('verifies a hash made with other parameters (they travel with the hash) and says it needs re-hashing', async () => {
    const strong = new PasswordHasher(defaultScrypt);
    const stored = await strong.hash('correct horse battery');
    expect(stored.startsWith('scrypt$ln=15,r=8,p=1$')).toBe(true);
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(hasher.needsRehash(stored)).toBe(true);
    expect(strong.needsRehash(stored)).toBe(false);
  });

  it('answers false, not an error, for no hash (unknown login) and for an unreadable or hostile hash', async () => {
    expect(await hasher.verify('anything at all', null)).toBe(false);
    expect(await hasher.verify('anything at all', 'plain-text-password')).toBe(false);
    // Parameters that would allocate gigabytes are refused before scrypt runs.
    const hostile = 'scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(await hasher.verify('anything at all', hostile)).toBe(false);
  });

  it('an unknown login is checked against the dummy hash: scrypt runs with the real parameters', async () => {
    const calls: number[] = [];
    const spy = new (class extends PasswordHasher {
      override async hash(password: string): Promise<string> {
        calls.push(1);
        return super.hash(password);
      }
    })(cheapScryptForTests);
    expect(await spy.verify('anything at all', null)).toBe(false);
    expect(await spy.verify('anything else', null)).toBe(false);
    // The dummy is made once per hasher and reused.
    expect(calls).toHaveLength(1);
  });

  it('normalises like the domain: full-width input matches the half-width password', async () => {
    const stored = await hasher.hash('password1234');
    expect(await hasher.verify('ｐａｓｓｗｏｒｄ１２３４', stored)).toBe(true);
  });

  it('refuses to be built with parameters it would not verify', () => {
    expect(() => new PasswordHasher({ ln: 25, r: 8, p: 1 })).toThrow(/out of bounds/);
  });
});
