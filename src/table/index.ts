export * from './types.js';
export * from './csv.js';
export * from './featureTable.js';
