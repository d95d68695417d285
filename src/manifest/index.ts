/** Public API of manifest/: manifest schema, loading, validation and subject-grouped splits. */
export * from './schema.js';
