export * from './admin-token.js';
export * from './clock.js';
export * from './config.js';
export * from './tokens.js';
export * from './upcasters.js';
export * from './event-store-factory.js';
export * from './read-store-factory.js';
export * from './logger.js';
