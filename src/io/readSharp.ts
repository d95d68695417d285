import sharp from 'sharp';
import type { Image2D } from '../core/image.js';
import type { ImageFormat } from './types.js';
import type { DecodedImage } from './decoded.js';
import { pngSpacing } from './pngPhys.js';
import { applySpacing } from './spacing.js';
import { spacingFromTiffResolution, tiffResolutionTags } from './tiffResolution.js';
import { VesselprintError } from '../core/errors.js';

/** The most pixels (width × height) sharp/libvips decodes: its default `limitInputPixels`, 16383 × 16383. */
const MAX_INPUT_PIXELS = 0x3fff * 0x3fff;

/**
 * Decodes PNG (8/16-bit; grey, grey+alpha, RGB, RGBA, palette → RGB(A); 1/2/4-bit greys are
 * scaled to 8 bits by libpng, e.g. 1-bit → 0/255), JPEG (8-bit) and GIF (palette → RGB(A),
 * first frame) with sharp/libvips; also the TIFFs geotiff.js cannot decode (8/16-bit only). Samples keep their stored values
 * (no colour management, no rotation by EXIF orientation). PNG spacing comes from `pHYs`
 * (metre unit; the writers' defaults 72 dpi and 1 px/mm count as unknown, as 72 dpi in TIFF:
 * `pngSpacing`); JPEG/GIF spacing is not read (JFIF densities are rarely physical).
 * Throws the decoder's error unchanged: {@link readImage} wraps it.
 */
export async function readSharp(bytes: Uint8Array, format: Exclude<ImageFormat, 'dicom'>): Promise<DecodedImage> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = await sharp(input, { failOn: 'warning', limitInputPixels: false }).metadata(); // header only; the limit is checked below with the size in the message
  if (meta.width !== undefined && meta.height !== undefined && meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw new VesselprintError(
      'FILE_UNREADABLE',
      `image is ${meta.width}x${meta.height} px (${((meta.width * meta.height) / 1e6).toFixed(0)} megapixels), which exceeds the pixel limit of ${MAX_INPUT_PIXELS} px (16383x16383); downsample or tile it first`,
    );
  }
  if (meta.depth !== undefined && meta.depth !== 'uchar' && meta.depth !== 'ushort') {
    throw new Error(`samples of type ${meta.depth} are not supported by this decoder`);
  }
  const sixteen = meta.depth === 'ushort';
  const channels = meta.channels ?? 3;
  let pipeline = sharp(input, { failOn: 'warning', pages: 1 });
  if (sixteen) {
    pipeline = pipeline.toColourspace(channels <= 2 ? 'grey16' : 'rgb16');
  } else if (channels === 1) {
    pipeline = pipeline.toColourspace('b-w');
  }
  const { data, info } = await pipeline.raw(sixteen ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
  const pixels = sixteen
    ? new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
    : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  let image: Image2D = { data: pixels, width: info.width, height: info.height, channels: info.channels, bitDepth: sixteen ? 16 : 8 };
  if (channels === 2 && info.channels === 4) image = greyAlphaFromRgba(image);
  let spacingSource: string;
  if (format === 'png') {
    const s = pngSpacing(bytes);
    applySpacing(image, s.rowCol);
    spacingSource = s.source;
  } else if (format === 'tiff') {
    const s = spacingFromTiffResolution(tiffResolutionTags(bytes));
    applySpacing(image, s.rowCol);
    spacingSource = s.source;
  } else {
    spacingSource = `not read from ${format.toUpperCase()} files`;
  }
  return {
    image,
    info: {
      format,
      width: image.width,
      height: image.height,
      channels: image.channels,
      bitDepth: sixteen ? 16 : 8,
      sampleFormat: 'uint',
      ...(image.spacingUm !== undefined ? { spacingUm: image.spacingUm } : {}),
      ...(image.spacingUmRowCol !== undefined ? { spacingUmRowCol: image.spacingUmRowCol } : {}),
      spacingSource,
      frames: meta.pages ?? 1,
    },
  };
}

/** libvips hands grey + alpha out as RGBA (R = G = B); keep grey (R) and alpha. */
function greyAlphaFromRgba(img: Image2D): Image2D {
  const n = img.width * img.height;
  const out = img.data instanceof Uint16Array ? new Uint16Array(2 * n) : new Uint8Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = img.data[4 * i]!;
    out[2 * i + 1] = img.data[4 * i + 3]!;
  }
  return { ...img, data: out, channels: 2 };
}
