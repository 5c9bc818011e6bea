export * from './csv/callbacks-csv.js';
export * from './csv/shift-jis.js';
export * from './csv/zoned-time.js';
