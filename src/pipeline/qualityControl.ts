import type { Image2D, Mask2D } from '../core/image.js';
import { gaussianBlur } from '../preprocess/gaussian.js';

/** Image-quality measures used to exclude bad photographs by a stated rule (see {@link qcPass}). */
export interface QualityMeasures {
  /** Fraction of the image inside the field of view (0–1). */
  fov_fraction: number;
  /** Focus: variance of the 4-neighbour Laplacian of the channel scaled to [0, 1], inside the FOV (eroded by one pixel). Blur lowers it. Pech-Pacheco et al. 2000, doi:10.1109/ICPR.2000.903548. */
  focus_laplacian_var: number;
  /** RMS contrast: SD / mean of the channel inside the FOV (dimensionless). */
  contrast_rms: number;
  /** Illumination unevenness: coefficient of variation of the background estimate (Gaussian blur, σ = 5% of the image width, computed on a block-averaged copy about 128 px wide) inside the FOV. 0 = perfectly even. */
  illumination_cv: number;
  /** Mean of the channel inside the FOV, in the image's units (8-bit: 0–255). */
  mean_intensity: number;
}

/**
 * Computes the QC measures of one channel (Float32, any range) inside the FOV.
 * @example qualityMeasures(green, fov).contrast_rms // e.g. 0.21
 */
export function qualityMeasures(channel: Image2D<Float32Array>, fov: Mask2D): QualityMeasures {
  const { width: w, height: h, data } = channel;
  let n = 0,
    s = 0,
    s2 = 0,
    maxV = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i]! > maxV) maxV = data[i]!;
    if (!fov.data[i]) continue;
    n++;
    s += data[i]!;
    s2 += data[i]! * data[i]!;
  }
  const mean = n > 0 ? s / n : Number.NaN;
  const sd = n > 1 ? Math.sqrt(Math.max(0, s2 / n - mean * mean)) : Number.NaN;
  const scale = maxV > 255 ? 65535 : 255;
  let ln = 0,
    ls = 0,
    ls2 = 0;
  for (let r = 1; r < h - 1; r++) {
    for (let c = 1; c < w - 1; c++) {
      const i = r * w + c;
      if (!fov.data[i] || !fov.data[i - 1] || !fov.data[i + 1] || !fov.data[i - w] || !fov.data[i + w]) continue;
      const lap = (data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!) / scale;
      ln++;
      ls += lap;
      ls2 += lap * lap;
    }
  }
  const lm = ln > 0 ? ls / ln : Number.NaN;
  const focus = ln > 1 ? ls2 / ln - lm * lm : Number.NaN;
  // Background on a block-averaged copy (blocks of k x k px, ~128 px across): the blur at
  // σ = 5% of the width is smooth at that scale, and 1/k² of the cost.
  const k = Math.max(1, Math.floor(w / 128));
  const sw = Math.floor(w / k),
    sh = Math.floor(h / k);
  const small = new Float32Array(sw * sh);
  const inFov = new Uint8Array(sw * sh);
  for (let r = 0; r < sh; r++) {
    for (let c = 0; c < sw; c++) {
      let acc = 0,
        cnt = 0;
      for (let dr = 0; dr < k; dr++)
        for (let dc = 0; dc < k; dc++) {
          const i = (r * k + dr) * w + c * k + dc;
          acc += data[i]!;
          cnt += fov.data[i] ? 1 : 0;
        }
      small[r * sw + c] = acc / (k * k);
      inFov[r * sw + c] = cnt * 2 > k * k ? 1 : 0;
    }
  }
  const bg = gaussianBlur(small, sw, sh, Math.max(2, 0.05 * w) / k);
  let bn = 0,
    bs = 0,
    bs2 = 0;
  for (let i = 0; i < bg.length; i++) {
    if (!inFov[i]) continue;
    bn++;
    bs += bg[i]!;
    bs2 += bg[i]! * bg[i]!;
  }
  const bm = bn > 0 ? bs / bn : Number.NaN;
  const bsd = bn > 1 ? Math.sqrt(Math.max(0, bs2 / bn - bm * bm)) : Number.NaN;
  return {
    fov_fraction: n / (w * h),
    focus_laplacian_var: focus,
    contrast_rms: mean > 0 ? sd / mean : Number.NaN,
    illumination_cv: bm > 0 ? bsd / bm : Number.NaN,
    mean_intensity: mean,
  };
}

/** Thresholds of the exclusion rule. */
export interface QcRule {
  minFovFraction: number;
  minFocus: number;
  minContrast: number;
}

/**
 * The stated exclusion rule: an image passes QC when its FOV covers at least `minFovFraction`
 * of the image, its focus measure is at least `minFocus` and its RMS contrast at least
 * `minContrast`. Returns 1 (pass) or 0 (exclude).
 */
export function qcPass(m: QualityMeasures, rule: QcRule): 0 | 1 {
  return m.fov_fraction >= rule.minFovFraction && m.focus_laplacian_var >= rule.minFocus && m.contrast_rms >= rule.minContrast ? 1 : 0;
}
