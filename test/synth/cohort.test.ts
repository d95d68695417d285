import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { planCohort } from '../../src/synth/cohort.js';
import { writeCohort, MANIFEST_COLUMNS, TRUTH_COLUMNS } from '../../src/synth/writeCohort.js';
import { STANDARD_COLUMNS, manifestSchemaFileSchema } from '../../src/manifest/schema.js';

function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    assert.equal(cells.length, cols.length, `line "${l}"`);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]!]));
  });
}

const small = { subjects: 2, visits: 2, fundusSize: [256, 240] as [number, number], skinSize: [128, 128] as [number, number] };

test('writeCohort(dir, {seed}) twice gives byte-identical files; another seed differs', async () => {
  const a = mkdtempSync(join(tmpdir(), 'vp-synth-a-'));
  const b = mkdtempSync(join(tmpdir(), 'vp-synth-b-'));
  const c = mkdtempSync(join(tmpdir(), 'vp-synth-c-'));
  try {
    const one = { ...small, visits: 1 };
    const ra = await writeCohort(a, { ...one, seed: 5 });
    await writeCohort(b, { ...one, seed: 5 });
    await writeCohort(c, { ...one, seed: 6 });
    const ha = hashTree(a),
      hb = hashTree(b),
      hc = hashTree(c);
    assert.equal(ha.size, ra.files);
    assert.equal(ra.images, 2 * 3);
    assert.equal(ha.size, 2 * (2 * 4 + 2) + 3);
    assert.deepEqual([...ha.entries()], [...hb.entries()]);
    const differing = [...ha.keys()].filter((k) => ha.get(k) !== hc.get(k));
    assert.ok(
      differing.includes('fundus/S001_V1_OD.png') && differing.includes('manifest.csv') && differing.includes('skin/S002_V1_skin.png'),
    );
  } finally {
    for (const d of [a, b, c]) rmSync(d, { recursive: true, force: true });
  }
});

test('writeCohort(): manifest has the manifest/ standard columns, a valid schema file and files that exist; truth.csv has one row per image', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-synth-m-'));
  try {
    const r = await writeCohort(dir, { ...small, seed: 9 });
    const manifest = parseCsv(readFileSync(r.manifestPath, 'utf8'));
    const header = readFileSync(r.manifestPath, 'utf8').split('\n')[0]!.split(',');
    assert.deepEqual(header, [...MANIFEST_COLUMNS]);
    for (const c of STANDARD_COLUMNS) assert.ok(header.includes(c), `manifest lacks ${c}`);
    const schema = manifestSchemaFileSchema.parse(JSON.parse(readFileSync(r.schemaPath, 'utf8')));
    const covariates = header.filter((c) => !(STANDARD_COLUMNS as readonly string[]).includes(c));
    assert.deepEqual(Object.keys(schema.covariates).sort(), covariates.sort());
    assert.equal(manifest.length, 12);
    assert.equal(new Set(manifest.map((m) => m.image_id)).size, 12);
    for (const m of manifest) {
      for (const p of [m.image_path, m.vessel_mask_path, m.fov_mask_path]) if (p) assert.ok(statSync(join(dir, p!)).size > 0, p);
      assert.ok(m.modality === 'fundus' ? ['OD', 'OS'].includes(m.eye!) && m.fov_mask_path !== '' : m.site !== '' && m.eye === '');
      assert.ok(Number(m.pixel_spacing_um) > 0);
      for (const [name, spec] of Object.entries(schema.covariates)) {
        const v = m[name]!;
        if (spec.type === 'numeric') assert.ok(Number(v) >= (spec.min ?? -Infinity) && Number(v) <= (spec.max ?? Infinity), `${name}=${v}`);
        else assert.ok(spec.levels.includes(v), `${name}=${v}`);
      }
    }
    // Subject-scope covariates agree across visits; age advances 2 years.
    const s1 = manifest.filter((m) => m.subject_id === 'S001');
    assert.equal(new Set(s1.map((m) => m.sex + m.diabetes + m.ckd + m.smoker)).size, 1);
    const age = (v: string): number => Number(s1.find((m) => m.visit === v)!.age);
    assert.ok(Math.abs(age('2') - age('1') - 2) < 0.11);
    const truth = parseCsv(readFileSync(r.truthPath, 'utf8'));
    assert.deepEqual(Object.keys(truth[0]!), [...TRUTH_COLUMNS]);
    assert.deepEqual(
      truth.map((t) => t.image_id),
      manifest.map((m) => m.image_id),
    );
    for (const t of truth) {
      if (t.modality === 'skin') assert.ok(Number(t.capillary_count) >= 0 && t.tortuosity_arc_chord === '');
      else
        assert.ok(
          Number(t.tortuosity_arc_chord) >= 1 && Number(t.gen_tortuosity_rad) > 0 && t.capillary_count === '',
          `${t.image_id}: tortuosity '${t.tortuosity_arc_chord}'`,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('planCohort(): in 4000 subjects the covariate effects have the documented signs', () => {
  const plans = planCohort({ subjects: 4000, seed: 3 });
  const od = plans.filter((p) => p.eye === 'OD');
  const skin = plans.filter((p) => p.modality === 'skin');
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const corr = (x: number[], y: number[]): number => {
    const mx = mean(x),
      my = mean(y);
    let sxy = 0,
      sxx = 0,
      syy = 0;
    for (let i = 0; i < x.length; i++) {
      sxy += (x[i]! - mx) * (y[i]! - my);
      sxx += (x[i]! - mx) ** 2;
      syy += (y[i]! - my) ** 2;
    }
    return sxy / Math.sqrt(sxx * syy);
  };
  const byDiab = <T>(xs: T[], f: (p: T) => number, get: (p: T) => number): [number, number] => [
    mean(xs.filter((p) => get(p) === 1).map(f)),
    mean(xs.filter((p) => get(p) === 0).map(f)),
  ];
  const prevalence = mean(od.map((p) => p.covariates.diabetes));
  assert.ok(prevalence > 0.1 && prevalence < 0.4, `diabetes prevalence ${prevalence}`);
  const [capD, capN] = byDiab(
    skin,
    (p) => p.params.capillaryDensityPerMm2,
    (p) => p.covariates.diabetes,
  );
  assert.ok(capD < 0.9 * capN, `capillary density diabetic ${capD} vs ${capN}`);
  const [torD, torN] = byDiab(
    od,
    (p) => p.params.tortuosityRad,
    (p) => p.covariates.diabetes,
  );
  assert.ok(torD > 1.25 * torN, `tortuosity diabetic ${torD} vs ${torN}`);
  const [veinD, veinN] = byDiab(
    od,
    (p) => p.params.veinWidthUm,
    (p) => p.covariates.diabetes,
  );
  assert.ok(veinD > veinN);
  assert.ok(
    corr(
      od.map((p) => p.covariates.age),
      od.map((p) => p.params.branchesPerMm),
    ) < -0.5,
  );
  assert.ok(
    corr(
      od.map((p) => p.covariates.sbp),
      od.map((p) => p.params.arteryWidthUm),
    ) < -0.3,
  );
  assert.ok(
    corr(
      skin.map((p) => p.covariates.age),
      skin.map((p) => p.params.capillaryDensityPerMm2),
    ) < -0.1,
  );
  const [htD, htN] = byDiab(
    skin,
    (p) => p.params.capillaryDensityPerMm2,
    (p) => p.covariates.hypertension,
  );
  assert.ok(htD < htN);
  // Hypertension is defined from SBP; the two eyes of a subject share all but the eye-level noise.
  for (const p of od) assert.equal(p.covariates.hypertension, p.covariates.sbp >= 140 ? 1 : 0);
  const os = plans.filter((p) => p.eye === 'OS');
  assert.ok(
    corr(
      od.map((p) => p.params.tortuosityRad),
      os.map((p) => p.params.tortuosityRad),
    ) > 0.8,
  );
});

test('planCohort(): the first subjects do not depend on the cohort size', () => {
  const a = planCohort({ subjects: 3, seed: 2 });
  const b = planCohort({ subjects: 50, seed: 2 });
  assert.deepEqual(a, b.slice(0, a.length));
  assert.throws(() => planCohort({ subjects: 0 }), /subjects must be an integer ≥ 1/);
});

const cli = (args: string[]): ReturnType<typeof spawnSync> =>
  spawnSync(process.execPath, ['bin/vesselprint.mjs', ...args], { encoding: 'utf8' });

test('vesselprint synth --out DIR --subjects 1 --seed 4 --size 128x120 writes the cohort and says where', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vp-synth-cli-'));
  try {
    const r = cli(['synth', '--out', dir, '--subjects', '1', '--seed', '4', '--size', '128x120', '--skin-size', '96x96', '--quiet']);
    assert.equal(r.status, 0, String(r.stderr));
    assert.match(String(r.stdout), /1 subjects, 3 images, 13 files/);
    assert.ok(statSync(join(dir, 'fundus', 'S001_V1_OS_vessels.png')).size > 0);
    const bad = cli(['synth', '--out', dir, '--size', '12x10']);
    assert.equal(bad.status, 2);
    assert.match(String(bad.stderr), /field size: expected WIDTHxHEIGHT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
