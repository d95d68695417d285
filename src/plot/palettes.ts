/**
 * Colour-blind-safe palettes: Okabe & Ito (2008, "Color Universal Design") for categories;
 * Plotly's built-in `Viridis` / `Cividis` (Nuñez et al. 2018, doi:10.1371/journal.pone.0199239)
 * for sequential data; and a diverging map for SHAP feature values whose two ends differ in
 * lightness (CIELAB L* ≈ 27 vs ≈ 72), so low and high stay distinct in greyscale print.
 */

/** Okabe–Ito: black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple. */
export const OKABE_ITO = ['#000000', '#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'] as const;

/** Category colours in order of use (Okabe–Ito without black first, black last). */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** Low → high feature value: dark blue → grey-lilac → light orange (L* 27 → 62 → 72). */
export const SHAP_DIVERGING: ReadonlyArray<readonly [number, string]> = [
  [0, '#1F3A78'],
  [0.5, '#A08CB0'],
  [1, '#F5A623'],
];

/** Signed maps (attributions, SHAP on an image): dark blue (negative, L* 26) → white → orange-red (positive, L* 65): the ends differ in lightness. */
export const SIGNED_DIVERGING: ReadonlyArray<readonly [number, string]> = [
  [0, '#0B3C7A'],
  [0.5, '#F7F7F7'],
  [1, '#E8835F'],
];

/** Colour for missing values. */
export const MISSING_GREY = '#BDBDBD';

/** Positive / negative SHAP bars and waterfall steps (vermillion / blue, L* 57 vs 46). */
export const SHAP_POSITIVE = '#D55E00';
export const SHAP_NEGATIVE = '#0072B2';

/** CIELAB L* (D65) of a `#rrggbb` colour, for checking lightness contrast. @example lightness('#000000') // 0 */
export function lightness(hex: string): number {
  const c = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const y = 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}
