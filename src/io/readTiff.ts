import { fromArrayBuffer } from 'geotiff';
import type { Image2D, PixelArray } from '../core/image.js';
import type { DecodedImage } from './decoded.js';
import { spacingFromTiffResolution, tiffResolutionTags } from './tiffResolution.js';
import { readSharp } from './readSharp.js';
import { applySpacing } from './spacing.js';

/**
 * Decodes the first image of a TIFF with geotiff.js: 1-4 samples per pixel, chunky or planar,
 * uncompressed / LZW / deflate / PackBits / JPEG; 8- and 16-bit unsigned (Uint8Array /
 * Uint16Array), 32-bit float (Float32Array), int8/int16 as Float32Array, int32/uint32/float64 as
 * Float64Array (all exact). Palette and YCbCr images are converted to 8-bit RGB; WhiteIsZero grey is
 * inverted to BlackIsZero (max − v).
 *
 * Spacing (TIFF 6.0 §8): XResolution / YResolution are pixels per ResolutionUnit (2 = inch,
 * the default; 3 = cm). Spacing µm = 25400 / res (inch) or 10000 / res (cm); Y gives the row
 * spacing, X the column spacing. Unit 1 (none) gives no spacing, and so does exactly 72 pixels
 * per inch: that is the placeholder most writers put when they know nothing (a real 353 µm
 * pixel is implausible for fundus or capillaroscopy images).
 * Files geotiff.js cannot decode (CCITT G3/G4 bilevel masks, some 1-bit files) are handed to
 * libtiff through sharp (bilevel → 0/255, 8-bit). When both fail, geotiff's error is thrown
 * unchanged: {@link readImage} wraps it.
 */
export async function readTiff(bytes: Uint8Array): Promise<DecodedImage> {
  try {
    return await readTiffGeotiff(bytes);
  } catch (e) {
    // geotiff.js lacks CCITT fax compression and trips on some bilevel files: let libtiff (sharp) try
    try {
      return await readSharp(bytes, 'tiff');
    } catch {
      throw e;
    }
  }
}

async function readTiffGeotiff(bytes: Uint8Array): Promise<DecodedImage> {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const tiff = await fromArrayBuffer(ab);
  const frames = await tiff.getImageCount();
  const im = await tiff.getImage(0);
  const width = im.getWidth(),
    height = im.getHeight();
  const spp = im.getSamplesPerPixel();
  const bps = im.getBitsPerSample(0);
  const fmt = im.getSampleFormat(0); // 1 uint, 2 int, 3 float
  const fd = im.fileDirectory;
  const photometric = Number(await fd.loadValue('PhotometricInterpretation'));
  let data: PixelArray;
  let channels = spp;
  let bitDepth = bps;
  let sampleFormat: 'uint' | 'int' | 'float' = fmt === 3 ? 'float' : fmt === 2 ? 'int' : 'uint';
  if (photometric === 3 || photometric === 6 || photometric === 8) {
    // palette, YCbCr, CIELab → RGB(A) 8-bit
    const rgb = await im.readRGB({ interleave: true, enableAlpha: spp === 4 || spp === 2 });
    channels = rgb.length / (width * height);
    data = Uint8Array.from(rgb as ArrayLike<number>);
    bitDepth = 8;
    sampleFormat = 'uint';
  } else {
    const raw = await im.readRasters({ interleave: true });
    if (raw instanceof Uint8Array || raw instanceof Uint16Array || raw instanceof Float32Array || raw instanceof Float64Array) {
      data = raw.slice();
    } else if (raw instanceof Int8Array || raw instanceof Int16Array || raw instanceof Uint8ClampedArray) {
      data = Float32Array.from(raw as ArrayLike<number>);
    } else {
      data = Float64Array.from(raw as ArrayLike<number>);
    }
    if (photometric === 0 && fmt !== 3) {
      const max = 2 ** bps - 1;
      for (let i = 0; i < data.length; i++) data[i] = max - data[i]!;
    }
  }
  const image: Image2D = { data, width, height, channels, bitDepth };
  const spacing = spacingFromTiffResolution(tiffResolutionTags(bytes));
  if (spacing.rowCol !== undefined) applySpacing(image, spacing.rowCol);
  return {
    image,
    info: {
      format: 'tiff',
      width,
      height,
      channels,
      bitDepth,
      sampleFormat,
      ...(image.spacingUm !== undefined ? { spacingUm: image.spacingUm } : {}),
      ...(image.spacingUmRowCol !== undefined ? { spacingUmRowCol: image.spacingUmRowCol } : {}),
      spacingSource: spacing.source,
      frames,
    },
  };
}
