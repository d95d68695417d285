import type { DecodedImage } from './decoded.js';
import { notImplemented } from '../core/errors.js';

/** DICOM reader (in progress). */
export async function readDicom(_bytes: Uint8Array, _path: string): Promise<DecodedImage> {
  return notImplemented('reading DICOM files');
}
