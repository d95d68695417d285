/** Public types of the preprocess domain (re-exported from the files that define them). */
export type { ChannelChoice, ChannelName } from '../core/channel.js';
export type { ClaheOptions } from './clahe.js';
export type { EstimateFovOptions } from './fov.js';
export type { IlluminationMode, NormalizeIlluminationOptions } from './illumination.js';
export type { Connectivity } from './components.js';
