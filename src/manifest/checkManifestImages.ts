import { isVesselprintError } from '../core/errors.js';
import { readImageInfo } from '../io/readImage.js';
import type { ImageFileInfo } from '../io/types.js';
import type { ManifestProblem } from './problems.js';
import { resolveManifestPath } from './validateManifest.js';
import type { ManifestValidation } from './validateManifest.js';

/**
 * Deep check of a validated manifest: decodes every image and mask file that exists and reports
 * `IMAGE_UNREADABLE` (not a readable image: the reader's message) and `MASK_SIZE_MISMATCH`
 * (a mask or artery/vein label image whose width × height differs from its image). Slower than {@link validateManifest}
 * (every file is decoded); `vesselprint validate --images` runs it.
 * Files reported missing by `validateManifest` are skipped.
 * @example const problems = await checkManifestImages(validateManifest('cohort.csv'));
 */
export async function checkManifestImages(v: ManifestValidation): Promise<ManifestProblem[]> {
  const problems: ManifestProblem[] = [];
  const missing = new Set(v.problems.filter((p) => p.code === 'MISSING_FILE').map((p) => `${p.row}|${p.column}`));
  for (const r of v.rows) {
    const infos: Partial<Record<'image_path' | 'fov_mask_path' | 'vessel_mask_path' | 'av_mask_path', ImageFileInfo>> = {};
    for (const column of ['image_path', 'fov_mask_path', 'vessel_mask_path', 'av_mask_path'] as const) {
      const p = r[column];
      if (p === undefined || p === '' || missing.has(`${r.row}|${column}`)) continue;
      try {
        infos[column] = await readImageInfo(resolveManifestPath(v, p));
      } catch (e) {
        if (!isVesselprintError(e)) throw e;
        problems.push({
          severity: 'error',
          code: 'IMAGE_UNREADABLE',
          file: v.manifestPath,
          row: r.row,
          column,
          message: `${e.code}: ${e.message}`,
        });
      }
    }
    const img = infos.image_path;
    if (img === undefined) continue;
    for (const column of ['fov_mask_path', 'vessel_mask_path', 'av_mask_path'] as const) {
      const m = infos[column];
      if (m !== undefined && (m.width !== img.width || m.height !== img.height)) {
        problems.push({
          severity: 'error',
          code: 'MASK_SIZE_MISMATCH',
          file: v.manifestPath,
          row: r.row,
          column,
          message: `mask is ${m.width}x${m.height} px but the image is ${img.width}x${img.height} px`,
        });
      }
    }
  }
  return problems;
}
