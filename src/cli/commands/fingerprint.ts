import type { Command } from 'commander';
import { VesselprintError } from '../../core/errors.js';
import type { Image2D, Mask2D } from '../../core/image.js';
import { parseModality } from '../../core/modality.js';
import { parsePositive } from '../parsePositive.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { readImage } from '../../io/readImage.js';
import { analyzeVessels, FINGERPRINT_ABSENT_REASONS, type FingerprintOptions } from '../../vascular/fingerprint.js';

interface FingerprintCliOptions {
  spacingUm?: string;
  fov?: string;
  modality: string;
  disc?: string;
  av?: string;
  json?: boolean;
  out?: string;
}

/** Non-zero in any colour channel (alpha ignored) = inside. */
function imageToMask(img: Image2D): Mask2D {
  const n = img.width * img.height;
  const ch = img.channels,
    use = Math.min(ch, 3);
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < use; k++) {
      if (img.data[i * ch + k] !== 0) {
        data[i] = 1;
        break;
      }
    }
  }
  return { data, width: img.width, height: img.height };
}

/**
 * `vesselprint fingerprint MASK --spacing-um S [--fov FOV] [--modality fundus|skin] [--disc R,C,RADIUS] [--av LABELS] --json`
 * prints the microvascular fingerprint of a binary vessel mask (see docs/fingerprint.md).
 */
export function register(program: Command): void {
  program
    .command('fingerprint')
    .description(
      'microvascular fingerprint (density, fractal dimension, tortuosity, calibre, branching, capillaries) of a binary vessel mask',
    )
    .argument('<mask>', 'vessel mask image (any format readImage reads); non-zero = vessel')
    .option('--spacing-um <um>', 'pixel spacing in µm per pixel (default: the spacing stored in the file, if any)')
    .option('--fov <file>', 'field-of-view mask (non-zero = inside); default: the whole image')
    .option('--modality <m>', 'fundus | skin (skin adds capillary count, density, spacing, diameter)', 'fundus')
    .option(
      '--disc <row,col,radius>',
      'optic disc centre and radius in pixels (enables zone B, disc-centred quadrants, CRAE/CRVE with --av)',
    )
    .option('--av <file>', 'artery/vein label image (1 = artery, 2 = vein, 0 = unknown, 3 = crossing: ignored), same size as the mask')
    .option('--json', 'print one flat JSON object')
    .option('--out <file>', 'also write the JSON to this file (atomically)')
    .action(async (maskPath: string, opts: FingerprintCliOptions) => {
      const modality = parseModality(opts.modality, '--modality');
      const img = await readImage(maskPath);
      const mask = imageToMask(img);
      const spacing = opts.spacingUm !== undefined ? parsePositive(opts.spacingUm, '--spacing-um') : img.spacingUm;
      if (spacing === undefined) {
        throw new VesselprintError('BAD_ARGUMENT', 'the mask file carries no pixel spacing: give --spacing-um (µm per pixel)', {
          path: maskPath,
          field: '--spacing-um',
        });
      }
      const options: FingerprintOptions = { spacingUm: spacing, modality };
      if (opts.fov !== undefined) {
        const fov = imageToMask(await readImage(opts.fov));
        if (fov.width !== mask.width || fov.height !== mask.height) {
          throw new VesselprintError('SHAPE_MISMATCH', `FOV is ${fov.width}x${fov.height} but the mask is ${mask.width}x${mask.height}`, {
            path: opts.fov,
            field: '--fov',
          });
        }
        options.fov = fov;
      }
      if (opts.disc !== undefined) {
        const parts = opts.disc.split(',').map((s) => Number(s.trim()));
        if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)) || !(parts[2]! > 0)) {
          throw new VesselprintError('BAD_ARGUMENT', `expected "row,col,radius" in pixels with radius > 0, got "${opts.disc}"`, {
            field: '--disc',
          });
        }
        options.disc = { row: parts[0]!, col: parts[1]!, radiusPx: parts[2]! };
      }
      if (opts.av !== undefined) {
        const lab = await readImage(opts.av);
        if (lab.width !== mask.width || lab.height !== mask.height) {
          throw new VesselprintError(
            'SHAPE_MISMATCH',
            `label image is ${lab.width}x${lab.height} but the mask is ${mask.width}x${mask.height}`,
            { path: opts.av, field: '--av' },
          );
        }
        const labels = new Uint8Array(mask.width * mask.height);
        for (let i = 0; i < labels.length; i++) {
          const v = lab.data[i * lab.channels]!;
          if (v !== 0 && v !== 1 && v !== 2 && v !== 3) {
            throw new VesselprintError(
              'BAD_ARGUMENT',
              `label ${v} at row ${Math.floor(i / mask.width)}, column ${i % mask.width}; expected 0 (unknown), 1 (artery), 2 (vein) or 3 (crossing, ignored)`,
              { path: opts.av, field: '--av' },
            );
          }
          labels[i] = v === 3 ? 0 : v;
        }
        options.arteryVein = labels;
      }
      const a = analyzeVessels(mask, options);
      const record: Record<string, number | string | null> = { mask: maskPath, modality };
      for (const [k, v] of Object.entries(a.fingerprint)) {
        record[k] = v;
        const reason = FINGERPRINT_ABSENT_REASONS[k];
        if (v === null && reason !== undefined) record[`${k}_absent_reason`] = reason;
      }
      if (a.notes.length > 0) record.notes = a.notes.join('; ');
      const json = JSON.stringify(record, null, opts.json ? 2 : 0);
      if (opts.out !== undefined) writeFileAtomic(opts.out, `${json}\n`);
      if (opts.json) {
        process.stdout.write(`${json}\n`);
      } else {
        const width = Math.max(...Object.keys(record).map((k) => k.length));
        const lines = Object.entries(record).map(([k, v]) => {
          const shown = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : v === null ? '—' : v;
          return `${k.padEnd(width)}  ${shown}\n`;
        });
        process.stdout.write(lines.join(''));
      }
    });
}
