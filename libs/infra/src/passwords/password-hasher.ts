/**
 * Password hashing with scrypt from `node:crypto` (no native add-on to build, memory-hard, in every Node).
 *
 * Wiring: the composition root builds one `PasswordHasher` (defaults in production, `cheapScryptForTests`
 * only in tests) and hands it to the `create-account`, `change-own-password`, `set-account-password` and
 * `sign-in` use cases. The clear password is checked with the domain's `parsePassword`, hashed here, and
 * only the encoded hash goes into a command. `sign-in` calls `verify(password, account?.passwordHash ?? null)`:
 * with no hash it verifies against a dummy hash, so an unknown login costs the same time as a wrong password.
 *
 * Stored form: `scrypt$ln=15,r=8,p=1$<salt>$<key>` (salt and key base64url). The parameters travel with each
 * hash, so raising them later leaves old hashes verifiable (`needsRehash` tells when to re-hash at sign-in).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/** OWASP's scrypt floor (N = 2^15, r = 8, p = 1): 32 MiB and tens of milliseconds per hash. */
export const defaultScrypt: ScryptParameters = { ln: 15, r: 8, p: 1 };
/** Fast parameters for test suites that hash many passwords; never for stored accounts. */
export const cheapScryptForTests: ScryptParameters = { ln: 10, r: 8, p: 1 };

const saltBytes = 16;
const keyBytes = 32;
// A stored hash is data: parameters outside these bounds are refused instead of letting one corrupt or
// hostile row make a verification allocate gigabytes or run for minutes.
const bounds = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;

function scryptAsync(password: string, salt: Buffer, keylen: number, parameters: ScryptParameters): Promise<Buffer> {
  const N = 2 ** parameters.ln;
  const options: ScryptOptions = {
    N,
    r: parameters.r,
    p: parameters.p,
    // Node refuses anything above 32 MiB by default, which is exactly what N = 2^15, r = 8 needs; allow twice that.
    maxmem: 256 * N * parameters.r * parameters.p,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

interface DecodedHash {
  parameters: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

function decode(encoded: string): DecodedHash | null {
  const match = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{22,172})$/.exec(
    encoded,
  );
  if (!match) return null;
  const parameters = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  for (const name of ['ln', 'r', 'p'] as const) {
    const [min, max] = bounds[name];
    if (parameters[name] < min || parameters[name] > max) return null;
  }
  const key = Buffer.from(match[5], 'base64url');
  if (key.length < 16 || key.length > 128) return null;
  return { parameters, salt: Buffer.from(match[4], 'base64url'), key };
}

/** Nest token of the process's one PasswordHasher. */
export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');

export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  constructor(private readonly parameters: ScryptParameters = defaultScrypt) {
    const { ln, r, p } = parameters;
    if (
      ln < bounds.ln[0] ||
      ln > bounds.ln[1] ||
      r < bounds.r[0] ||
      r > bounds.r[1] ||
      p < bounds.p[0] ||
      p > bounds.p[1]
    ) {
      throw new Error(`scrypt parameters out of bounds: ${JSON.stringify(parameters)}`);
    }
  }

  /** A new hash with a fresh random salt: hashing the same password twice gives two different strings. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(saltBytes);
    const key = await scryptAsync(password, salt, keyBytes, this.parameters);
    const { ln, r, p } = this.parameters;
    return `scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /**
   * Whether `password` matches `encoded`. With no stored hash (unknown login, account without password) or an
   * unreadable one, the password is still hashed against a dummy so the answer takes as long, and is false.
   */
  async verify(password: string, encoded: string | null): Promise<boolean> {
    const decoded = encoded === null ? null : decode(encoded);
    const target = decoded ?? decode(await this.dummyHash());
    if (target === null) throw new Error('dummy password hash is unreadable');
    const key = await scryptAsync(password, target.salt, target.key.length, target.parameters);
    return timingSafeEqual(key, target.key) && decoded !== null;
  }

  /** True when a stored hash uses other parameters than this hasher: re-hash after a successful sign-in. */
  needsRehash(encoded: string): boolean {
    const decoded = decode(encoded);
    if (decoded === null) return true;
    const { ln, r, p } = decoded.parameters;
    return ln !== this.parameters.ln || r !== this.parameters.r || p !== this.parameters.p;
  }

  // Made once per process from a random password nobody knows, with this hasher's parameters (the cost of a
  // real verification); computed lazily so constructing a hasher costs nothing.
  private dummyHash(): Promise<string> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    return this.dummy;
  }
}
