/**
 * Resampling: change of pixel grid, to a scale factor or to a target µm per pixel.
 */
import type { Image2D, Mask2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';

/**
 * Resizes a one-channel image to `newWidth` x `newHeight`. Pixel centres map as
 * `x_src = (x_dst + 0.5)·(W_src/W_dst) − 0.5`. Downsampling averages the source pixels each
 * destination pixel covers (area interpolation, like OpenCV's INTER_AREA); upsampling is bilinear.
 * @example resize(img, 100, 50).width // 100
 */
export function resize(img: Image2D, newWidth: number, newHeight: number): Image2D<Float32Array> {
  if (img.channels !== 1) throw new VesselprintError('BAD_ARGUMENT', `resize: expected one channel, got ${img.channels}`);
  if (!Number.isInteger(newWidth) || !Number.isInteger(newHeight) || newWidth < 1 || newHeight < 1) {
    throw new VesselprintError('BAD_ARGUMENT', `resize: size must be positive integers, got ${newWidth}x${newHeight}`);
  }
  const tmp = resampleAxis(img.data, img.width, img.height, newWidth, true);
  const out = resampleAxis(tmp, newWidth, img.height, newHeight, false);
  const res: Image2D<Float32Array> = { data: out, width: newWidth, height: newHeight, channels: 1 };
  if (img.spacingUm !== undefined) res.spacingUm = (img.spacingUm * img.width) / newWidth;
  return res;
}

/** 1-D resampling along columns (`alongCols`) or rows. */
function resampleAxis(src: ArrayLike<number>, width: number, height: number, newLen: number, alongCols: boolean): Float32Array {
  const oldLen = alongCols ? width : height;
  const other = alongCols ? height : width;
  const out = new Float32Array(alongCols ? newLen * height : width * newLen);
  const scale = oldLen / newLen;
  // weights per destination index: list of (source index, weight)
  const idx: number[][] = [];
  const wts: number[][] = [];
  for (let d = 0; d < newLen; d++) {
    const ii: number[] = [];
    const ww: number[] = [];
    if (scale > 1) {
      const a = d * scale;
      const b = (d + 1) * scale;
      for (let s = Math.floor(a); s < Math.ceil(b) && s < oldLen; s++) {
        const w = Math.min(b, s + 1) - Math.max(a, s);
        if (w > 1e-12) {
          ii.push(s);
          ww.push(w / scale);
        }
      }
    } else {
      const x = (d + 0.5) * scale - 0.5;
      const x0 = Math.floor(x);
      const f = x - x0;
      const s0 = Math.min(oldLen - 1, Math.max(0, x0));
      const s1 = Math.min(oldLen - 1, Math.max(0, x0 + 1));
      ii.push(s0, s1);
      ww.push(1 - f, f);
    }
    idx.push(ii);
    wts.push(ww);
  }
  for (let o = 0; o < other; o++) {
    for (let d = 0; d < newLen; d++) {
      const ii = idx[d]!;
      const ww = wts[d]!;
      let acc = 0;
      for (let k = 0; k < ii.length; k++) {
        const s = ii[k]!;
        acc += ww[k]! * src[alongCols ? o * width + s : s * width + o]!;
      }
      out[alongCols ? o * newLen + d : d * width + o] = acc;
    }
  }
  return out;
}

/**
 * Resamples to a target spacing so that images from cameras of different resolution have
 * comparable pixel sizes: new size = round(size · spacingUm / targetUm).
 * @param img one-channel image with `spacingUm`
 * @param targetUm target µm per pixel
 * @throws VesselprintError BAD_ARGUMENT when the image has no spacing or the target is not positive
 * @example resampleToSpacing({ ...img, spacingUm: 5 }, 10).width // img.width / 2
 */
export function resampleToSpacing(img: Image2D, targetUm: number): Image2D<Float32Array> {
  if (img.spacingUm === undefined) {
    throw new VesselprintError('BAD_ARGUMENT', 'resampleToSpacing: the image has no spacingUm; supply the camera pixel spacing', {
      field: 'spacingUm',
    });
  }
  if (!(targetUm > 0))
    throw new VesselprintError('BAD_ARGUMENT', `resampleToSpacing: targetUm must be > 0, got ${targetUm}`, { field: 'targetUm' });
  const f = img.spacingUm / targetUm;
  const w = Math.max(1, Math.round(img.width * f));
  const h = Math.max(1, Math.round(img.height * f));
  const out = resize(img, w, h);
  out.spacingUm = targetUm;
  return out;
}

/** Resizes a mask (nearest to the area/bilinear result ≥ 0.5). */
export function resizeMask(mask: Mask2D, newWidth: number, newHeight: number): Mask2D {
  const f = resize({ data: mask.data, width: mask.width, height: mask.height, channels: 1 }, newWidth, newHeight);
  const out = new Uint8Array(newWidth * newHeight);
  for (let i = 0; i < out.length; i++) out[i] = f.data[i]! >= 0.5 ? 1 : 0;
  return { data: out, width: newWidth, height: newHeight };
}
