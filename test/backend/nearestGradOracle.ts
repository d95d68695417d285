/**
 * Brute-force gradient of nearest-neighbour resizing (`tf.image.resizeNearestNeighbor`, no
 * half-pixel centres): output pixel (i, j) copies input pixel (src(i), src(j)) with
 * src(i) = min(floor(i · in/out), in − 1), or min(round(i · (in − 1)/(out − 1)), in − 1) with
 * aligned corners; so dx[src(i), src(j)] is the sum of dy[i, j] over the pixels that copy it.
 */
export function nearestResizeGrad(
  dy: ArrayLike<number>,
  dyShape: readonly number[],
  inH: number,
  inW: number,
  alignCorners: boolean,
): Float32Array {
  const [batch, outH, outW, c] = dyShape as [number, number, number, number];
  const src = (i: number, n: number, out: number): number =>
    Math.min(n - 1, alignCorners && out > 1 ? Math.round((i * (n - 1)) / (out - 1)) : Math.floor((i * n) / out));
  const dx = new Float32Array(batch * inH * inW * c);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < outH; i++)
      for (let j = 0; j < outW; j++)
        for (let k = 0; k < c; k++)
          dx[((b * inH + src(i, inH, outH)) * inW + src(j, inW, outW)) * c + k] += dy[((b * outH + i) * outW + j) * c + k]!;
  return dx;
}
