import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenFigure } from '../../src/report/screenFigure.js';

test('screenFigure: automargin on every axis, a print width dropped, the title moved left of the mode bar', () => {
  const f = screenFigure({ data: [], layout: { title: { text: 'SHAP: logistic regression' }, width: 680, height: 300, yaxis2: { side: 'right' } } });
  assert.equal(f.layout.width, undefined);
  assert.equal(f.layout.height, 300);
  for (const k of ['xaxis', 'yaxis', 'yaxis2']) assert.equal((f.layout[k] as Record<string, unknown>).automargin, true, k);
  assert.deepEqual(f.layout.title, { text: 'SHAP: logistic regression', x: 0, xref: 'paper', xanchor: 'left' });
  assert.deepEqual(screenFigure({ data: [], layout: { title: 'plain' } }).layout.title, { text: 'plain', x: 0, xref: 'paper', xanchor: 'left' });
  assert.equal(screenFigure({ data: [] }).layout.title, undefined);
});
