/**
 * Shared set-up of the tests that run one image through `extract`'s processor (`createProcessor`):
 * a minimal experiment config (radiomics and tracking off, the rest as given) and a one-row work item.
 */
import { parseExperimentConfig, type ExperimentConfig } from '../../src/pipeline/config.js';
import type { WorkItem } from '../../src/pipeline/types.js';

/** An experiment config with radiomics and tracking off; `overrides` (segmentation, fingerprint, retina, …) on top. */
export function processorConfig(overrides: Record<string, unknown>): ExperimentConfig {
  return parseExperimentConfig({
    name: 't',
    manifest: 'm.csv',
    out: 'o',
    radiomics: { enabled: false },
    tracking: { enabled: false },
    ...overrides,
  });
}

/** Manifest row 1, image "a", paths relative to `dir`; `row` adds the columns (image_path, modality, …). */
export function oneImageItem(dir: string, row: Record<string, string>): WorkItem {
  return { imageId: 'a', manifestRow: 1, manifestDir: dir, row: { image_id: 'a', ...row } };
}
