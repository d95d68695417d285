/** vesselprint's public library API. Each domain is also importable as `vesselprint/<domain>`. */
export * from './core/index.js';
export { VERSION } from './version.js';
