/**
 * vesselprint's public library API. The core types are exported flat; every domain is a
 * namespace here and also importable on its own as `vesselprint/<domain>` (e.g.
 * `import { computeFingerprint } from 'vesselprint/vascular'`).
 */
export * from './core/index.js';
export { VERSION } from './version.js';
export * as io from './io/index.js';
export * as manifest from './manifest/index.js';
export * as synth from './synth/index.js';
export * as preprocess from './preprocess/index.js';
export * as segment from './segment/index.js';
export * as backend from './backend/index.js';
export * as vascular from './vascular/index.js';
export * as features from './features/index.js';
export * as retina from './retina/index.js';
export * as capillaroscopy from './capillaroscopy/index.js';
export * as radiomics from './radiomics/index.js';
export * as table from './table/index.js';
export * as pipeline from './pipeline/index.js';
export * as learn from './learn/index.js';
export * as explain from './explain/index.js';
export * as plot from './plot/index.js';
export * as track from './track/index.js';
export * as report from './report/index.js';
export * as demo from './demo/index.js';
