export * from './errors.js';
export * from './image.js';
export * from './rng.js';
export * from './atomicWrite.js';
export * from './modality.js';
export * from './quantile.js';
export * from './channel.js';
export * from './text.js';
