// The event-sourcing kernel: framework-free (no Nest), beside the domain.
export * from './command-runner.js';
export * from './event-metadata.js';
export * from './upcasters.js';
export * from './in-batches.js';
export * from './processor.js';
export * from './personal-data/index.js';
