import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM: 96-bit random nonce, 128-bit tag, all three stored together. */
const algorithm = 'aes-256-gcm';
const nonceBytes = 12;
const tagBytes = 16;
/** Marks an encrypted field value, with the format's version. */
export const encryptedPrefix = 'pii:v1:';

function seal(key: Buffer, clear: Buffer, context: string): Buffer {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv(algorithm, key, nonce, { authTagLength: tagBytes });
  // The context (stream and field, or key id) is authenticated: a value moved elsewhere does not decrypt.
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(clear), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, context: string): Buffer {
  const decipher = createDecipheriv(algorithm, key, sealed.subarray(0, nonceBytes), { authTagLength: tagBytes });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(nonceBytes, nonceBytes + tagBytes));
  return Buffer.concat([decipher.update(sealed.subarray(nonceBytes + tagBytes)), decipher.final()]);
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** A data key wrapped by the master key, bound to its key id. */
export function wrapDataKey(masterKey: Buffer, keyId: string, dataKey: Buffer): Buffer {
  return seal(masterKey, dataKey, `key:${keyId}`);
}

export function unwrapDataKey(masterKey: Buffer, keyId: string, wrapped: Buffer): Buffer {
  return open(masterKey, wrapped, `key:${keyId}`);
}

/** A field's JSON value, encrypted into a string that replaces it in the stored event. */
export function encryptValue(dataKey: Buffer, context: string, value: unknown): string {
  return encryptedPrefix + seal(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), context).toString('base64');
}

export function decryptValue(dataKey: Buffer, context: string, stored: string): unknown {
  const sealed = Buffer.from(stored.slice(encryptedPrefix.length), 'base64');
  return JSON.parse(open(dataKey, sealed, context).toString('utf8'));
}

export function isEncryptedValue(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(encryptedPrefix);
}
