/**
 * Independent implementation: the same U-Net written in PyTorch (Debian python3-torch), loaded
 * with vesselprint's weights (random, including batch-norm running statistics), must give the
 * same output. Skipped with a message when /usr/bin/python3 has no torch; required in CI (.ci/run
 * installs python3-torch).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { buildUnet } from '../../../src/segment/unet/buildUnet.js';
import { selectBackend } from '../../../src/backend/selectBackend.js';
import { createRng } from '../../../src/core/rng.js';

const hasTorch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

const PY = String.raw`
import json, sys, torch, torch.nn as nn
d = json.load(sys.stdin); depth, f = d['depth'], d['f']; W = d['weights']
def conv(name, i, o, k, bias, transpose=False):
    m = (nn.ConvTranspose2d(i, o, k, stride=2) if transpose else nn.Conv2d(i, o, k, padding=k // 2, bias=bias))
    w = torch.tensor(W[name][0]['data'], dtype=torch.float32).reshape(W[name][0]['shape'])
    # tfjs conv kernel [kh, kw, in, out] -> torch [out, in, kh, kw]; transposed conv [kh, kw, out, in] -> torch [in, out, kh, kw]
    m.weight.data = w.permute(3, 2, 0, 1).contiguous()
    if bias: m.bias.data = torch.tensor(W[name][1]['data'], dtype=torch.float32)
    return m
def bn(name, c):
    m = nn.BatchNorm2d(c, eps=1e-3); g, b, mm, mv = [torch.tensor(a['data'], dtype=torch.float32) for a in W[name]]
    m.weight.data, m.bias.data, m.running_mean.data, m.running_var.data = g, b, mm, mv
    return m
def block(name, i, o):
    return nn.Sequential(conv(name + '_conv1', i, o, 3, False), bn(name + '_1_bn', o), nn.ReLU(),
                         conv(name + '_conv2', o, o, 3, False), bn(name + '_2_bn', o), nn.ReLU())
enc, c = [], 1
for l in range(depth): enc.append(block('enc%d' % l, c, f * 2**l)); c = f * 2**l
bott = block('bottleneck', c, f * 2**depth); c = f * 2**depth
ups, decs = [], []
for l in reversed(range(depth)):
    o = f * 2**l; ups.append(conv('up%d' % l, c, o, 2, True, True)); decs.append(block('dec%d' % l, 2 * o, o)); c = o
head = conv('head', c, 1, 1, True)
for m in enc + decs + [bott]: m.eval()  # batch norm with running statistics (inference mode)
x = torch.tensor(d['x'], dtype=torch.float32).reshape(d['xshape']).permute(0, 3, 1, 2)
with torch.no_grad():
    skips = []
    for e in enc: x = e(x); skips.append(x); x = nn.functional.max_pool2d(x, 2)
    x = bott(x)
    for u, dd, k in zip(ups, decs, reversed(skips)): x = dd(torch.cat([k, u(x)], 1))
    y = torch.sigmoid(head(x)).permute(0, 2, 3, 1)
print(json.dumps(y.flatten().tolist()))
`;

test(
  'buildUnet output equals an independent PyTorch U-Net with the same weights (max abs diff < 1e-4)',
  { skip: hasTorch || process.env['CI'] ? false : 'PyTorch not available under /usr/bin/python3 (apt-get install python3-torch)' },
  async () => {
    if (!hasTorch) throw new Error('PyTorch not available under /usr/bin/python3 (required in CI: .ci/run installs python3-torch)');
    await selectBackend({ backend: 'wasm' });
    const depth = 2;
    const f = 4;
    const model = buildUnet({ depth, baseFilters: f, seed: 3 });
    const rng = createRng(5);
    // Random non-trivial batch-norm statistics (positive variances) so inference-mode BN matters.
    for (const layer of model.layers) {
      if (!layer.name.endsWith('_bn')) continue;
      const c = layer.getWeights()[0]!.shape[0]!;
      const r = (lo: number, hi: number): tf.Tensor => tf.tensor1d(Array.from({ length: c }, () => rng.range(lo, hi)));
      layer.setWeights([r(0.5, 1.5), r(-0.3, 0.3), r(-0.5, 0.5), r(0.3, 2)]);
    }
    const weights: Record<string, Array<{ shape: number[]; data: number[] }>> = {};
    for (const layer of model.layers) {
      const ws = layer.getWeights();
      if (ws.length > 0) weights[layer.name] = ws.map((w) => ({ shape: w.shape, data: Array.from(w.dataSync()) }));
    }
    const xshape = [2, 16, 24, 1];
    const x = Array.from({ length: 2 * 16 * 24 }, () => rng.normal());
    const ours = tf.tidy(() =>
      Array.from((model.predict(tf.tensor4d(x, xshape as [number, number, number, number])) as tf.Tensor).dataSync()),
    );
    const r = spawnSync('/usr/bin/python3', ['-c', PY], {
      input: JSON.stringify({ depth, f, weights, x, xshape }),
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    assert.equal(r.status, 0, r.stderr);
    const theirs = JSON.parse(r.stdout) as number[];
    assert.equal(theirs.length, ours.length);
    let maxDiff = 0;
    for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i]! - theirs[i]!));
    assert.ok(maxDiff < 1e-4, `max |tfjs − torch| = ${maxDiff}`);
    model.dispose();
  },
);
