/** preprocess: channel choice, FOV mask, CLAHE, illumination normalisation, resampling, Gaussian filtering, connected components. */
export * from './types.js';
export { selectChannel, CHANNEL_NAMES } from '../core/channel.js';
export { estimateFov, defaultFov, erodeSquare, DEFAULT_ESTIMATE_FOV } from './fov.js';
export { fovCircle, DEFAULT_FOV_CIRCLE, type FovCircle, type FovCircleOptions } from './fovCircle.js';
export { clahe, DEFAULT_CLAHE } from './clahe.js';
export { normalizeIllumination, ILLUMINATION_MODES } from './illumination.js';
export { resize, resizeMask, resampleToSpacing } from './resample.js';
export { gaussianBlur, gaussianHalfKernel, maskedGaussianBlur } from './gaussian.js';
export { labelComponents, removeSmallComponents, fillHoles, largestComponent } from './components.js';
