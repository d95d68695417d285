import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { VesselprintError } from '../core/errors.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { readYamlFile } from './fileLayout.js';
import { toYaml } from './yamlWrite.js';
import type { DatasetInput } from './types.js';
import { scalarText } from '../core/text.js';

/**
 * Dataset inputs in MLflow's file store (2.12 and 3.x `log_inputs`): the dataset entity at
 * `<exp>/datasets/<md5(name ‖ digest)>/meta.yaml` = {digest, name, profile, schema, source,
 * source_type}, and the run's link at `<run>/inputs/<md5(dataset_id ‖ run_id)>/meta.yaml` =
 * {source_type: DATASET, source_id, destination_type: RUN, destination_id, tags}.
 */

/** md5 hex of the concatenation, as MLflow's `_get_dataset_id` / `_get_input_id` compute it. */
const md5 = (a: string, b: string): string => createHash('md5').update(a).update(b).digest('hex');

/** Writes dataset entities (once per experiment) and the run's input links. */
export function writeDatasetInputs(experimentDir: string, runDir: string, runId: string, inputs: DatasetInput[]): void {
  for (const inp of inputs) {
    const d = inp.dataset;
    if (d.digest.length > 36)
      throw new VesselprintError('BAD_ARGUMENT', `dataset digest is ${d.digest.length} characters, MLflow allows at most 36`, {
        field: 'digest',
      });
    const datasetId = md5(d.name, d.digest);
    const dsMeta = join(experimentDir, 'datasets', datasetId, 'meta.yaml');
    if (!existsSync(dsMeta)) {
      writeFileAtomic(
        dsMeta,
        toYaml({
          digest: d.digest,
          name: d.name,
          profile: d.profile ?? null,
          schema: d.schema ?? null,
          source: d.source,
          source_type: d.sourceType,
        }),
      );
    }
    // destination_id: MLflow's own FileStore writes the dataset id here (a bug kept for fidelity; readers use source_id).
    writeFileAtomic(
      join(runDir, 'inputs', md5(datasetId, runId), 'meta.yaml'),
      toYaml({
        destination_id: datasetId,
        destination_type: 'RUN',
        source_id: datasetId,
        source_type: 'DATASET',
        tags: { ...inp.tags },
      }),
    );
  }
}

/** Reads a run's dataset inputs (links whose dataset entity is missing are skipped). */
export function readDatasetInputs(experimentDir: string, runDir: string): DatasetInput[] {
  const inDir = join(runDir, 'inputs');
  if (!existsSync(inDir)) return [];
  const out: DatasetInput[] = [];
  for (const id of readdirSync(inDir).sort()) {
    const p = join(inDir, id, 'meta.yaml');
    if (!existsSync(p)) continue;
    const m = readYamlFile(p);
    const dsPath = join(experimentDir, 'datasets', String(m.source_id), 'meta.yaml');
    if (!existsSync(dsPath)) continue;
    const ds = readYamlFile(dsPath);
    const tags: Record<string, string> = {};
    if (m.tags !== null && typeof m.tags === 'object')
      for (const [k, v] of Object.entries(m.tags as Record<string, unknown>)) tags[k] = String(v);
    const dataset: DatasetInput['dataset'] = {
      name: String(ds.name),
      digest: String(ds.digest),
      sourceType: String(ds.source_type),
      source: String(ds.source),
    };
    if (ds.schema != null) dataset.schema = scalarText(ds.schema);
    if (ds.profile != null) dataset.profile = scalarText(ds.profile);
    out.push({ dataset, tags });
  }
  return out;
}
