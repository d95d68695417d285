import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import sharp from 'sharp';
import type { Image2D, PixelArray } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { DecodedImage } from './decoded.js';
import { NO_SPACING } from './decoded.js';
import { applySpacing } from './spacing.js';
import { DICOM_TECHNICAL_TAGS as T, MODALITY_TERMS, TRANSFER_SYNTAXES, PHOTOMETRICS } from './dicomTags.js';

/**
 * Decodes the first frame of a DICOM Part 10 file (or a raw `.dcm` data set in Implicit VR
 * Little Endian) with dicom-parser, reading only the whitelisted technical attributes of
 * {@link DICOM_TECHNICAL_TAGS}; no identifier is ever read.
 *
 * - Transfer syntaxes: Implicit/Explicit VR Little Endian, Deflated Explicit VR Little Endian,
 *   Explicit VR Big Endian, and JPEG Baseline (8-bit, decoded with sharp). Every other
 *   compressed syntax (JPEG lossless / extended, JPEG-LS, JPEG 2000, HTJ2K, RLE) is refused
 *   with `UNSUPPORTED_FORMAT` naming the syntax and how to convert the file.
 * - Pixels: BitsAllocated 8 → Uint8Array, 16 → Uint16Array (unsigned) with bits above
 *   BitsStored masked off; signed pixels (PixelRepresentation 1) are sign-extended from
 *   BitsStored and returned as Float32Array; 32-bit as Float64Array. MONOCHROME1 is inverted
 *   to MONOCHROME2 (2^BitsStored − 1 − v); YBR_FULL is converted to RGB (PS3.3 C.7.6.3.1.2,
 *   ITU-R BT.601 full range); planar RGB is interleaved. A non-identity RescaleSlope /
 *   RescaleIntercept is applied (v × slope + intercept, Float32Array).
 * - Spacing: PixelSpacing, else ImagerPixelSpacing, else NominalScannedPixelSpacing (mm,
 *   "row spacing\column spacing", PS3.3 10.7.1.3) → µm.
 */
export async function readDicom(bytes: Uint8Array, path: string): Promise<DecodedImage> {
  const hasPreamble = bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  const ds: DataSet = hasPreamble
    ? dicomParser.parseDicom(bytes)
    : dicomParser.parseDicom(bytes, { TransferSyntaxUID: '1.2.840.10008.1.2' });
  const tsUid = hasPreamble ? (ds.string(T.TransferSyntaxUID) ?? '1.2.840.10008.1.2') : '1.2.840.10008.1.2';
  const ts = TRANSFER_SYNTAXES[tsUid];
  if (ts === undefined || ts.support === 'unsupported') {
    // an unknown UID is not echoed: only values from the known table reach the output
    const what = ts !== undefined ? `${ts.name} (${tsUid})` : 'an unrecognised transfer syntax';
    throw new VesselprintError(
      'UNSUPPORTED_FORMAT',
      `DICOM pixel data is encoded as ${what}, which vesselprint cannot decode; supported: uncompressed (implicit/explicit VR, little or big endian, deflated) and JPEG Baseline. Convert the file first, e.g. \`gdcmconv --raw IN OUT\` (GDCM) or \`dcmdjpeg\`/\`dcmdjpls\` (DCMTK)`,
      { path },
    );
  }
  const rows = req(ds.uint16(T.Rows), 'Rows', path);
  const cols = req(ds.uint16(T.Columns), 'Columns', path);
  const spp = ds.uint16(T.SamplesPerPixel) ?? 1;
  const bitsAllocated = req(ds.uint16(T.BitsAllocated), 'BitsAllocated', path);
  const bitsStored = ds.uint16(T.BitsStored) ?? bitsAllocated;
  const signed = ds.uint16(T.PixelRepresentation) === 1;
  const photometricRaw = (ds.string(T.PhotometricInterpretation) ?? (spp === 1 ? 'MONOCHROME2' : 'RGB')).trim();
  const photometric = PHOTOMETRICS.find((p) => p === photometricRaw);
  if (photometric === undefined) {
    throw new VesselprintError(
      'UNSUPPORTED_FORMAT',
      `DICOM PhotometricInterpretation ${KNOWN_PHOTOMETRICS.includes(photometricRaw) ? photometricRaw : '(unrecognised value)'} is not supported; supported: ${PHOTOMETRICS.join(', ')}`,
      { path, field: 'PhotometricInterpretation' },
    );
  }
  if (spp !== 1 && spp !== 3) {
    throw new VesselprintError('UNSUPPORTED_FORMAT', `DICOM SamplesPerPixel ${spp} is not supported (1 or 3)`, {
      path,
      field: 'SamplesPerPixel',
    });
  }
  const frames = Math.max(1, ds.intString(T.NumberOfFrames) ?? 1);
  const pixelEl = ds.elements[T.PixelData];
  if (pixelEl === undefined)
    throw new VesselprintError('CORRUPT_FILE', 'DICOM file has no PixelData element (not an image, or truncated)', {
      path,
      field: 'PixelData',
    });

  let image: Image2D;
  if (ts.support === 'jpeg-baseline') {
    image = await decodeJpegFrame(ds, pixelEl, frames, path);
  } else {
    if (![8, 16, 32].includes(bitsAllocated)) {
      throw new VesselprintError('UNSUPPORTED_FORMAT', `DICOM BitsAllocated ${bitsAllocated} is not supported (8, 16 or 32)`, {
        path,
        field: 'BitsAllocated',
      });
    }
    const bytesPerSample = bitsAllocated / 8;
    const frameBytes = rows * cols * spp * bytesPerSample;
    if (pixelEl.length < frameBytes || pixelEl.dataOffset + frameBytes > ds.byteArray.length) {
      throw new VesselprintError(
        'CORRUPT_FILE',
        `DICOM PixelData holds ${Math.min(pixelEl.length, ds.byteArray.length - pixelEl.dataOffset)} bytes but one ${rows}x${cols}x${spp} frame of ${bitsAllocated}-bit samples needs ${frameBytes} (truncated file?)`,
        { path, field: 'PixelData' },
      );
    }
    const planar = spp === 3 && ds.uint16(T.PlanarConfiguration) === 1;
    const data = readNativeSamples(
      ds.byteArray,
      pixelEl.dataOffset,
      rows * cols * spp,
      bitsAllocated,
      bitsStored,
      signed,
      ts.littleEndian,
      planar ? { planes: spp, n: rows * cols } : undefined,
    );
    image = { data, width: cols, height: rows, channels: spp, bitDepth: bitsAllocated };
    if (photometric === 'MONOCHROME1' && !signed) {
      const max = 2 ** bitsStored - 1;
      for (let i = 0; i < data.length; i++) data[i] = max - data[i]!;
    }
    if (photometric === 'YBR_FULL' && spp === 3) ybrFullToRgbInPlace(data);
    if (photometric === 'YBR_FULL_422') {
      throw new VesselprintError('UNSUPPORTED_FORMAT', 'uncompressed DICOM YBR_FULL_422 (chroma-subsampled) pixels are not supported', {
        path,
        field: 'PhotometricInterpretation',
      });
    }
  }
  const slope = ds.floatString(T.RescaleSlope);
  const intercept = ds.floatString(T.RescaleIntercept);
  const rescaled = (slope !== undefined && slope !== 1) || (intercept !== undefined && intercept !== 0);
  if (rescaled) {
    const s = slope ?? 1,
      b = intercept ?? 0;
    image.data = Float32Array.from(image.data as ArrayLike<number>, (v) => v * s + b);
  }

  let spacingSource = NO_SPACING;
  for (const key of ['PixelSpacing', 'ImagerPixelSpacing', 'NominalScannedPixelSpacing'] as const) {
    const r = ds.floatString(T[key], 0),
      c = ds.floatString(T[key], 1);
    if (r !== undefined && c !== undefined && r > 0 && c > 0 && Number.isFinite(r) && Number.isFinite(c)) {
      applySpacing(image, [r * 1000, c * 1000]);
      spacingSource = `DICOM ${key} (mm)`;
      break;
    }
  }
  const modality = ds.string(T.Modality);
  const technical: Record<string, string | number> = {
    TransferSyntax: `${ts.name} (${tsUid})`,
    Rows: rows,
    Columns: cols,
    SamplesPerPixel: spp,
    PhotometricInterpretation: photometric,
    BitsAllocated: bitsAllocated,
    BitsStored: bitsStored,
    PixelRepresentation: signed ? 1 : 0,
    NumberOfFrames: frames,
  };
  if (modality !== undefined)
    technical.Modality = (MODALITY_TERMS as readonly string[]).includes(modality.trim()) ? modality.trim() : 'other';
  if (rescaled) {
    technical.RescaleSlope = slope ?? 1;
    technical.RescaleIntercept = intercept ?? 0;
  }
  return {
    image,
    info: {
      format: 'dicom',
      width: image.width,
      height: image.height,
      channels: image.channels,
      bitDepth: image.bitDepth ?? bitsAllocated,
      sampleFormat: rescaled || image.data instanceof Float64Array ? 'float' : signed ? 'int' : 'uint',
      ...(image.spacingUm !== undefined ? { spacingUm: image.spacingUm } : {}),
      ...(image.spacingUmRowCol !== undefined ? { spacingUmRowCol: image.spacingUmRowCol } : {}),
      spacingSource,
      frames,
      dicom: technical,
    },
  };
}

/** Other defined terms (PS3.3 C.7.6.3.1.2), named in errors; anything else is not echoed. */
const KNOWN_PHOTOMETRICS = ['PALETTE COLOR', 'YBR_PARTIAL_422', 'YBR_PARTIAL_420', 'YBR_ICT', 'YBR_RCT', 'XYB', 'ARGB', 'CMYK', 'HSV'];

function req(v: number | undefined, field: string, path: string): number {
  if (v === undefined || v <= 0)
    throw new VesselprintError('CORRUPT_FILE', `DICOM image attribute ${field} is missing or zero`, { path, field });
  return v;
}

/** Reads `n` native samples starting at byte `offset`, masking/sign-extending to `bitsStored`. */
function readNativeSamples(
  bytes: Uint8Array,
  offset: number,
  n: number,
  bitsAllocated: number,
  bitsStored: number,
  signed: boolean,
  littleEndian: boolean,
  planar?: { planes: number; n: number },
): PixelArray {
  const dv = new DataView(bytes.buffer, bytes.byteOffset + offset, n * (bitsAllocated / 8));
  const out: PixelArray = signed
    ? new Float32Array(n)
    : bitsAllocated === 8
      ? new Uint8Array(n)
      : bitsAllocated === 16
        ? new Uint16Array(n)
        : new Float64Array(n);
  const mask = bitsStored >= 32 ? 0xffffffff : 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  for (let i = 0; i < n; i++) {
    // planar (R plane, G plane, B plane) → interleaved
    const j = planar === undefined ? i : (i % planar.planes) * planar.n + Math.floor(i / planar.planes);
    let v =
      bitsAllocated === 8 ? dv.getUint8(j) : bitsAllocated === 16 ? dv.getUint16(2 * j, littleEndian) : dv.getUint32(4 * j, littleEndian);
    v = bitsStored >= 32 ? v : v % (mask + 1);
    if (signed && v >= signBit) v -= 2 * signBit;
    out[i] = v;
  }
  return out;
}

/** YBR_FULL → RGB, PS3.3 C.7.6.3.1.2 (ITU-R BT.601, full range), rounded and clamped to 0..255. */
function ybrFullToRgbInPlace(d: PixelArray): void {
  const clamp = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));
  for (let i = 0; i + 2 < d.length; i += 3) {
    const y = d[i]!,
      cb = d[i + 1]! - 128,
      cr = d[i + 2]! - 128;
    d[i] = clamp(y + 1.402 * cr);
    d[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    d[i + 2] = clamp(y + 1.772 * cb);
  }
}

/** First frame of an encapsulated JPEG Baseline pixel data element, decoded with sharp. */
async function decodeJpegFrame(ds: DataSet, el: Element, frames: number, path: string): Promise<Image2D> {
  if (!el.encapsulatedPixelData || el.fragments === undefined || el.fragments.length === 0) {
    throw new VesselprintError('CORRUPT_FILE', 'DICOM JPEG pixel data is not encapsulated in fragments', { path, field: 'PixelData' });
  }
  const frame =
    frames === 1
      ? dicomParser.readEncapsulatedPixelDataFromFragments(ds, el, 0, el.fragments.length)
      : dicomParser.readEncapsulatedImageFrame(
          ds,
          el,
          0,
          el.basicOffsetTable !== undefined && el.basicOffsetTable.length > 0
            ? el.basicOffsetTable
            : dicomParser.createJPEGBasicOffsetTable(ds, el),
        );
  const { data, info } = await sharp(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), { failOn: 'warning' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
    width: info.width,
    height: info.height,
    channels: info.channels,
    bitDepth: 8,
  };
}
