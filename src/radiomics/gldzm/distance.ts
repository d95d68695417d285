/**
 * Distance of each ROI pixel to the ROI edge for the GLDZM (IBSI 3.9): pixels with a
 * 4-neighbour outside the mask (or outside the image) have distance 1, the others 1 + the
 * smallest distance of their 4-neighbours; equivalently the number of 4-connected erosions
 * needed to remove the pixel. 0 outside the mask.
 * @example edgeDistance(new Uint8Array([1, 1, 1]), 3, 1) // Int32Array [1, 1, 1]
 */
export function edgeDistance(mask: Uint8Array, width: number, height: number): Int32Array {
  const n = width * height;
  const d = new Int32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const p = r * width + c;
      if (mask[p] === 0) continue;
      const edge =
        r === 0 ||
        r === height - 1 ||
        c === 0 ||
        c === width - 1 ||
        mask[p - 1] === 0 ||
        mask[p + 1] === 0 ||
        mask[p - width] === 0 ||
        mask[p + width] === 0;
      if (edge) {
        d[p] = 1;
        queue[tail++] = p;
      }
    }
  }
  while (head < tail) {
    const p = queue[head++]!;
    const r = (p / width) | 0;
    const c = p - r * width;
    const next = d[p]! + 1;
    if (r > 0 && mask[p - width] !== 0 && d[p - width] === 0) {
      d[p - width] = next;
      queue[tail++] = p - width;
    }
    if (r < height - 1 && mask[p + width] !== 0 && d[p + width] === 0) {
      d[p + width] = next;
      queue[tail++] = p + width;
    }
    if (c > 0 && mask[p - 1] !== 0 && d[p - 1] === 0) {
      d[p - 1] = next;
      queue[tail++] = p - 1;
    }
    if (c < width - 1 && mask[p + 1] !== 0 && d[p + 1] === 0) {
      d[p + 1] = next;
      queue[tail++] = p + 1;
    }
  }
  return d;
}
