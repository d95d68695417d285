/** Public API of io/: reading and writing image files. */
export type { ImageFormat, BitDepth, WriteImageOptions, ImageFileInfo } from './types.js';
export { readImage, readImageInfo, decodeImageFile } from './readImage.js';
export { readMask } from './readMask.js';
export { writeImage } from './writeImage.js';
export { sniffFormat } from './sniffFormat.js';
export { encodePng } from './encodePng.js';
export { encodeTiff } from './encodeTiff.js';
export { DICOM_TECHNICAL_TAGS, TRANSFER_SYNTAXES } from './dicomTags.js';
export { tiffResolutionTags, spacingFromTiffResolution } from './tiffResolution.js';
export { pngPhysSpacing, pngSpacing } from './pngPhys.js';
export type { VideoFormat, VideoInfo, FrameSource } from './videoTypes.js';
export { openVideo, type OpenVideoOptions } from './openVideo.js';
export { openTiffStack } from './readTiffStack.js';
export { openFrameFolder, numberedFrames } from './readFrameFolder.js';
export { openVideoFfmpeg, hasFfmpeg } from './readVideoFfmpeg.js';
export { encodeTiffStack, type EncodeTiffStackOptions } from './encodeTiffStack.js';
