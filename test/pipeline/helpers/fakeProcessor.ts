// A stand-in processor for testing the extraction engine's machinery (cache, shards, workers,
// failures). Its "features" are simple functions of the file's bytes, checkable by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkItem } from '../../../src/pipeline/types.js';
import type { FeatureRow } from '../../../src/table/types.js';

export function createProcessor(settings: unknown): (item: WorkItem) => Promise<FeatureRow> {
  const { scale } = settings as { scale: number };
  return async (item) => {
    const bytes = readFileSync(join(item.manifestDir, item.row.image_path!));
    if (bytes.length === 0) throw new Error('empty image file');
    let sum = 0;
    for (const b of bytes) sum += b;
    return {
      image_id: item.imageId,
      subject_id: item.row.subject_id!,
      'demo.bytes': bytes.length,
      'demo.mean': (scale * sum) / bytes.length,
    };
  };
}
