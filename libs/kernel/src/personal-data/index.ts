export * from './personal-fields.js';
export * from './key-store.port.js';
export * from './field-cipher.js';
export * from './personal-data-keys.js';
export * from './with-personal-data.js';
