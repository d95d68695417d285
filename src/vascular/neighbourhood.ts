/**
 * 3×3 neighbourhood codes and lookup tables shared by the thinning and graph code.
 *
 * A pixel's 8 neighbours are encoded as one byte, bit k set when neighbour k is foreground,
 * in the clockwise order of Zhang & Suen (1984): k = 0 N (P2), 1 NE (P3), 2 E (P4), 3 SE (P5),
 * 4 S (P6), 5 SW (P7), 6 W (P8), 7 NW (P9).
 */

/** Row offsets of neighbours 0..7 (N, NE, E, SE, S, SW, W, NW). */
export const NB_DR = [-1, -1, 0, 1, 1, 1, 0, -1] as const;
/** Column offsets of neighbours 0..7. */
export const NB_DC = [0, 1, 1, 1, 0, -1, -1, -1] as const;

/** Number of foreground neighbours for each code. */
export const NB_COUNT: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    let n = 0;
    for (let k = 0; k < 8; k++) n += (c >> k) & 1;
    t[c] = n;
  }
  return t;
})();

function adjacent8(a: number, b: number): boolean {
  return Math.abs(NB_DR[a]! - NB_DR[b]!) <= 1 && Math.abs(NB_DC[a]! - NB_DC[b]!) <= 1;
}
function adjacent4(a: number, b: number): boolean {
  return Math.abs(NB_DR[a]! - NB_DR[b]!) + Math.abs(NB_DC[a]! - NB_DC[b]!) === 1;
}

/** Number of connected components among the set bits of `code` (ring positions), with the given adjacency. */
function components(code: number, adj: (a: number, b: number) => boolean, seedFilter: (k: number) => boolean): number {
  const seen = new Array<boolean>(8).fill(false);
  let n = 0;
  for (let k = 0; k < 8; k++) {
    if (!((code >> k) & 1) || seen[k]) continue;
    const stack = [k];
    seen[k] = true;
    let touches = seedFilter(k);
    while (stack.length > 0) {
      const a = stack.pop()!;
      for (let b = 0; b < 8; b++) {
        if (!seen[b] && (code >> b) & 1 && adj(a, b)) {
          seen[b] = true;
          touches = touches || seedFilter(b);
          stack.push(b);
        }
      }
    }
    if (touches) n++;
  }
  return n;
}

/**
 * Simple-point table for (8, 4) topology: `SIMPLE[code] = 1` when deleting the centre pixel
 * changes neither the number of 8-connected foreground components nor the number of
 * 4-connected background components (Rosenfeld 1970; Kong & Rosenfeld 1989, Comput. Vis.
 * Graph. Image Process. 48:357). Condition: the foreground neighbours form exactly one
 * 8-component, and the background 4-neighbours belong to exactly one 4-component of the ring.
 */
export const SIMPLE: Uint8Array = (() => {
  const t = new Uint8Array(256);
  const isEdge = (k: number): boolean => k % 2 === 0;
  for (let c = 0; c < 256; c++) {
    const fg = components(c, adjacent8, () => true);
    const bg = components(~c & 255, adjacent4, isEdge);
    t[c] = fg === 1 && bg === 1 ? 1 : 0;
  }
  return t;
})();

/**
 * Number of 0→1 transitions in the cyclic sequence P2, P3, …, P9, P2 (the A(P1) of Zhang & Suen 1984).
 */
export const TRANSITIONS: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) {
    let a = 0;
    for (let k = 0; k < 8; k++) if (!((c >> k) & 1) && (c >> ((k + 1) % 8)) & 1) a++;
    t[c] = a;
  }
  return t;
})();

/** Neighbour code of pixel `i` in a padded buffer of row stride `stride` (non-zero = foreground). */
export function neighbourCode(buf: Uint8Array, i: number, stride: number): number {
  return (
    (buf[i - stride] ? 1 : 0) |
    (buf[i - stride + 1] ? 2 : 0) |
    (buf[i + 1] ? 4 : 0) |
    (buf[i + stride + 1] ? 8 : 0) |
    (buf[i + stride] ? 16 : 0) |
    (buf[i + stride - 1] ? 32 : 0) |
    (buf[i - 1] ? 64 : 0) |
    (buf[i - stride - 1] ? 128 : 0)
  );
}

/** Copies a mask into a buffer with a one-pixel zero border (size (h+2)×(w+2)); non-zero → 1. */
export function padMask(data: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width + 2;
  const out = new Uint8Array(stride * (height + 2));
  for (let r = 0; r < height; r++) {
    const src = r * width;
    const dst = (r + 1) * stride + 1;
    for (let c = 0; c < width; c++) out[dst + c] = data[src + c] !== 0 ? 1 : 0;
  }
  return out;
}

/** Inverse of {@link padMask}. */
export function unpadMask(buf: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width + 2;
  const out = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) out.set(buf.subarray((r + 1) * stride + 1, (r + 1) * stride + 1 + width), r * width);
  return out;
}
