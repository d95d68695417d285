import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScale, DEFAULT_SCALE_FUNDUS, DEFAULT_SCALE_SKIN, PIXEL_SCALE_DEFAULTS } from '../../src/vascular/scale.js';

test('resolveScale converts the µm defaults with the spacing (fundus, skin) and keeps the former pixel defaults at 25 / 2.5 µm/px', () => {
  const f = resolveScale(25, 'fundus');
  assert.deepEqual(
    [f.smoothingSigmaPx, f.angleSmoothingSigmaPx, f.angleStepPx, f.tortuosityMinLengthPx, f.fractalMinBoxPx],
    [1, 2, 3, 20, 2],
  );
  assert.deepEqual(f.notes, []);
  const s = resolveScale(2.5, 'skin');
  assert.deepEqual(
    [s.smoothingSigmaPx, s.angleSmoothingSigmaPx, s.angleStepPx, s.tortuosityMinLengthPx, s.fractalMinBoxPx],
    [1, 2, 3, 20, 2],
  );
  const fine = resolveScale(5, 'fundus');
  assert.equal(fine.angleSmoothingSigmaPx, DEFAULT_SCALE_FUNDUS.angleSmoothingSigmaUm / 5);
  assert.equal(fine.tortuosityMinLengthPx, 100);
  assert.equal(resolveScale(1, 'skin').angleStepPx, DEFAULT_SCALE_SKIN.angleStepUm);
  assert.equal(resolveScale(10, 'fundus', { fractalBoxMaxMm: 2 }).fractalMaxBoxPx, 200);
});

test('resolveScale raises parameters below their pixel floor and says so; without spacing it uses the pixel defaults with a note', () => {
  const coarse = resolveScale(100, 'fundus');
  assert.equal(coarse.smoothingSigmaPx, 1);
  assert.equal(coarse.angleSmoothingSigmaPx, 2);
  assert.match(coarse.notes.join('\n'), /angleSmoothingSigmaUm 50 µm is 0\.50 px at 100 µm\/px; raised to 2 px/);
  const none = resolveScale(undefined, 'fundus');
  assert.equal(none.angleStepPx, PIXEL_SCALE_DEFAULTS.angleStepPx);
  assert.match(none.notes[0]!, /no pixel spacing/);
  assert.throws(() => resolveScale(10, 'fundus', { angleStepUm: -1 }), /angleStepUm must be a non-negative number/);
});
