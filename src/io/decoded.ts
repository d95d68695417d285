import type { Image2D } from '../core/image.js';
import type { ImageFileInfo } from './types.js';

/** What a format reader returns: the pixels and a technical description (no identifiers). */
export interface DecodedImage {
  image: Image2D;
  info: ImageFileInfo;
}

/** Spacing source text when a file records none. */
export const NO_SPACING = 'none recorded in the file';
