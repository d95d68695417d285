import { test } from 'node:test';
import assert from 'node:assert/strict';
import { glcmMatrices } from '../../src/radiomics/glcm/cooccurrence.js';
import { glcmStats } from '../../src/radiomics/glcm/stats.js';
import { createRng } from '../../src/core/rng.js';
import { python } from './oracle.js';

const W = 37,
  H = 29,
  NG = 8;
const rng = createRng(11);
const levels = Int32Array.from({ length: W * H }, () => rng.int(1, NG));

const SKIMAGE = `
import json, sys, numpy as np
from skimage.feature import graycomatrix, graycoprops
d = json.load(sys.stdin)
img = np.array(d['levels'], dtype=np.uint8).reshape(d['h'], d['w']) - 1
P = graycomatrix(img, distances=[1], angles=[0, np.pi/4, np.pi/2, 3*np.pi/4], levels=d['ng'], symmetric=True, normed=False)
props = {p: graycoprops(P.astype(float), p)[0].tolist() for p in ['contrast', 'dissimilarity', 'homogeneity', 'ASM', 'correlation']}
json.dump({'P': [P[:, :, 0, a].astype(int).tolist() for a in range(4)], 'props': props}, sys.stdout)
`;

test('glcmMatrices(random 37x29 image, 8 levels) equals scikit-image graycomatrix(symmetric) for the 4 directions', (t) => {
  const sk = python<{ P: number[][][]; props: Record<string, number[]> }>(t, SKIMAGE, { levels: [...levels], w: W, h: H, ng: NG });
  if (!sk) return;
  const mine = glcmMatrices(levels, W, H, NG).map((m) => {
    const dense = Array.from({ length: NG }, () => new Array<number>(NG).fill(0));
    for (let k = 0; k < m.n; k++) dense[m.i[k]! - 1]![m.j[k]! - 1] = m.v[k]!;
    return JSON.stringify(dense);
  });
  const theirs = sk.P.map((p) => JSON.stringify(p));
  assert.deepEqual([...mine].sort(), [...theirs].sort());
});

test('glcmStats per direction matches scikit-image graycoprops contrast, dissimilarity, homogeneity, ASM and correlation', (t) => {
  const sk = python<{ P: number[][][]; props: Record<string, number[]> }>(t, SKIMAGE, { levels: [...levels], w: W, h: H, ng: NG });
  if (!sk) return;
  const stats = glcmMatrices(levels, W, H, NG).map((m) => glcmStats(m, NG));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pairs: [string, number[]][] = [
    ['contrast', stats.map((s) => s.contrast)],
    ['dissimilarity', stats.map((s) => s.dissimilarity)],
    ['homogeneity', stats.map((s) => s.invDiffMom)],
    ['ASM', stats.map((s) => s.energy)],
    ['correlation', stats.map((s) => s.covariance / s.sdProduct)],
  ];
  for (const [name, mine] of pairs) {
    const theirs: number[] = sk.props[name]!;
    assert.ok(Math.abs(mean(mine) - mean(theirs)) < 1e-10, `${name}: ${mean(mine)} vs ${mean(theirs)}`);
    assert.deepEqual([...mine].map((x) => x.toFixed(10)).sort(), [...theirs].map((x) => x.toFixed(10)).sort(), name);
  }
});
