import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/core/rng.js';
import { planSkinScene, type SkinScene } from '../../src/synth/skinVideoScene.js';
import { synthSkinRecording, type SkinRecordingOptions } from '../../src/synth/skinVideo.js';
import type { PerfusionShares } from '../../src/synth/skinVideoTruth.js';
import { analyseRecording } from '../../src/capillaroscopy/analyseRecording.js';
import { scoreRecording, type RecordingScore } from '../helpers/capillaroscopyScore.js';
import { recruitment } from '../../src/capillaroscopy/recruitment.js';

async function run(
  seed: number,
  shares: PerfusionShares,
  o: SkinRecordingOptions,
  scene = planSkinScene(createRng(seed)),
): Promise<RecordingScore & { scene: SkinScene }> {
  const rec = synthSkinRecording(scene, shares, createRng(seed * 31 + 7), { frames: 40, ...o });
  const a = await analyseRecording(rec.frames, { fps: rec.fps });
  return { ...scoreRecording(scene, rec, a), scene };
}

// Registration is scored against the generator's true shifts (test/helpers/capillaroscopyScore.ts).
test('analyseRecording on synthetic recordings across noise and motion: count error ≤ 5 %, perfused F1 ≥ 0.95, registration < 0.3 px, bad frames dropped', async () => {
  const conditions: [number, SkinRecordingOptions][] = [
    [11, { noiseSd: 2, swayPx: 1, tremorPx: 0.2 }],
    [12, { noiseSd: 8, swayPx: 1, tremorPx: 0.2 }],
    [13, { noiseSd: 2, swayPx: 6, tremorPx: 0.8 }],
    [14, { noiseSd: 8, swayPx: 6, tremorPx: 0.8 }],
  ];
  let ct = 0,
    cf = 0,
    tp = 0,
    fp = 0,
    fn = 0,
    bad = 0,
    dropped = 0;
  for (const [seed, o] of conditions) {
    const s = await run(seed, { visible: 0.7, flowing: 0.8 }, { jerkProbability: 0.05, defocusProbability: 0.05, ...o });
    const line = `seed ${seed} ${JSON.stringify(o)}: count ${s.countFound}/${s.countTruth}, perfused tp ${s.tpFlow} fp ${s.fpFlow} fn ${s.fnFlow}, registration ${s.regRmsPx.toFixed(3)} px`;
    assert.ok(Math.abs(s.countFound - s.countTruth) <= Math.max(1, 0.05 * s.countTruth), line);
    assert.ok(s.regRmsPx < 0.3 && s.regMaxPx < 0.5, line);
    assert.equal(s.droppedGood, 0, `${line}: good frames dropped`);
    console.log(`# ${line}`);
    ct += s.countTruth;
    cf += s.countFound;
    tp += s.tpFlow;
    fp += s.fpFlow;
    fn += s.fnFlow;
    bad += s.badFrames;
    dropped += s.droppedBad;
  }
  assert.ok(Math.abs(cf - ct) <= 0.05 * ct, `total count ${cf} vs ${ct}`);
  const f1 = (2 * tp) / (2 * tp + fp + fn);
  assert.ok(f1 >= 0.95, `perfused F1 ${f1.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
  assert.ok(bad > 0 && dropped === bad, `jerk/defocus frames dropped: ${dropped}/${bad}`);
});

test('recruitment over three phases of one scene is recovered within 5 percentage points', async () => {
  const scene = planSkinScene(createRng(21));
  const phases = {
    baseline: { visible: 0.55, flowing: 0.9 },
    hyperaemia: { visible: 0.8, flowing: 0.95 },
    congestion: { visible: 0.95, flowing: 0.3 },
  };
  const found: Record<string, number> = {},
    truth: Record<string, number> = {};
  for (const [i, [phase, shares]] of Object.entries(phases).entries()) {
    const s = await run(21 + i, shares, { noiseSd: 4 }, scene);
    found[phase] = s.densityFound;
    truth[phase] = s.densityTruth;
  }
  const f = recruitment(found),
    t = recruitment(truth);
  for (const k of ['recruitment_hyperaemia_pct', 'recruitment_congestion_pct'] as const) {
    assert.ok(Math.abs(f[k] - t[k]) <= 5, `${k}: found ${f[k].toFixed(1)} %, truth ${t[k].toFixed(1)} %`);
  }
});
