/**
 * Types shared by the readers and writers of `io/`.
 */

/** Image container formats vesselprint reads. */
export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'gif' | 'dicom';

/** Bits per sample a writer can produce: 8 and 16 are unsigned integers, 32 is IEEE float. */
export type BitDepth = 8 | 16 | 32;

/** Options of {@link writeImage}. */
export interface WriteImageOptions {
  /**
   * Bits per sample. Default: 8 for `Uint8Array` data, 16 for `Uint16Array`, 32 for float data
   * written to TIFF; float data written to PNG defaults to 8. PNG allows 8 or 16; TIFF 8, 16 or 32.
   */
  bitDepth?: BitDepth;
}

/**
 * Technical description of an image file, as printed by `vesselprint info`. Holds no identifier
 * of any kind: for DICOM only the whitelisted technical tags of {@link DICOM_TECHNICAL_TAGS} appear.
 */
export interface ImageFileInfo {
  format: ImageFormat;
  width: number;
  height: number;
  channels: number;
  /** Bits per sample as stored in the file. */
  bitDepth: number;
  /** 'uint', 'int' (signed) or 'float'. */
  sampleFormat: 'uint' | 'int' | 'float';
  /** µm per pixel (column spacing when rows and columns differ), when known. */
  spacingUm?: number;
  /** [row, column] spacing in µm, when known. */
  spacingUmRowCol?: [number, number];
  /** Where the spacing came from ('DICOM PixelSpacing', 'TIFF XResolution/YResolution (cm)', ...), or why none. */
  spacingSource: string;
  /** Number of frames/pages in the file (only the first is read). */
  frames: number;
  /** Whitelisted technical DICOM tags (keyword → value); absent for other formats. */
  dicom?: Record<string, string | number>;
}
