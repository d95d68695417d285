import type { Command } from 'commander';
import { readImage } from '../../io/readImage.js';
import { assertSameSize, type Mask2D } from '../../core/image.js';
import { VesselprintError } from '../../core/errors.js';
import { extractRadiomics, type ExtractOptions } from '../../radiomics/extract.js';
import { parseDiscretization, parseFamilies } from '../../radiomics/parseOptions.js';
import { parseChannel } from '../../core/channel.js';
import { parseFilter } from '../../radiomics/filters/applyFilter.js';
import { parsePositive } from '../parsePositive.js';
import type { FeatureRecord } from '../../radiomics/types.js';

/** Options of `vesselprint radiomics` (as commander parses them). */
export interface RadiomicsCliOptions {
  mask: string;
  discretization?: string;
  channel?: string;
  families?: string;
  filter?: string;
  resegmentRange?: string;
  outlier?: boolean;
  /** µm per pixel; overrides the file's own spacing. */
  spacingUm?: string;
  json?: boolean;
}

/**
 * `vesselprint radiomics IMAGE --mask MASK [--discretization none|fbn:N|fbs:W[:MIN]]
 * [--channel green|gray|0|1|2] [--spacing-um UM] [--families all|stat,ih,...] [--filter none|log:SIGMA_MM|wavelet:NAME:LEVEL[:BAND]] --json`
 *
 * Prints a JSON array of `{ family, name, ibsi_code, aggregation, value }` (NaN printed as
 * null), or a text table without `--json`. Mask: any format readImage reads, non-zero = ROI.
 */
export function register(program: Command): void {
  program
    .command('radiomics')
    .description('IBSI-compliant 2D radiomics features of an image inside a mask')
    .argument('<image>', 'image file (PNG, JPEG, TIFF, GIF, DICOM)')
    .requiredOption('--mask <mask>', 'ROI mask image (non-zero = ROI), same size as the image')
    .option('--discretization <spec>', 'none | fbn:N | fbs:W[:MIN]', 'fbn:32')
    .option('--channel <channel>', 'green | gray | 0 | 1 | 2 (default: green for colour images, 0 for grey)')
    .option('--families <list>', 'all | comma list of stat,ih,ivh,glcm,glrlm,glszm,gldzm,ngtdm,ngldm,morph', 'all')
    .option(
      '--filter <spec>',
      'none | log:SIGMA_MM | wavelet:NAME:LEVEL[:BAND] (NAME haar|db1|db2|db3, BAND LL|LH|HL|HH, default HH)',
      'none',
    )
    .option('--resegment-range <min:max>', 'keep only ROI intensities in [min, max] (IBSI re-segmentation)')
    .option('--outlier', 'remove ROI intensities outside mean ± 3 SD (IBSI outlier re-segmentation)')
    .option(
      '--spacing-um <um>',
      "pixel size in µm per pixel (overrides the file's own; morphology and LoG are in mm with it, in pixels without)",
    )
    .option('--json', 'print a JSON array of {family, name, ibsi_code, aggregation, value}')
    .action(async (imagePath: string, opts: RadiomicsCliOptions) => {
      process.stdout.write(await runRadiomics(imagePath, opts, (m) => process.stderr.write(`vesselprint: warning: ${m}\n`)));
    });
}

/**
 * The work of `vesselprint radiomics`: reads the image and mask, extracts the features and
 * returns the text to print (JSON array with NaN as null, or a table).
 * @throws VesselprintError for bad options, unreadable files, size mismatch, empty ROI
 */
export async function runRadiomics(
  imagePath: string,
  opts: RadiomicsCliOptions,
  warn: (message: string) => void = () => {},
): Promise<string> {
  const discretization = parseDiscretization(opts.discretization ?? 'fbn:32');
  const families = parseFamilies(opts.families ?? 'all');
  const filter = parseFilter(opts.filter ?? 'none');
  const image = await readImage(imagePath);
  if (opts.spacingUm !== undefined) image.spacingUm = parsePositive(opts.spacingUm, '--spacing-um');
  const maskImg = await readImage(opts.mask);
  try {
    assertSameSize(image, maskImg, 'image and mask');
  } catch (e) {
    throw new VesselprintError(
      'SHAPE_MISMATCH',
      `mask is ${maskImg.width}x${maskImg.height} but the image is ${image.width}x${image.height}`,
      { path: opts.mask, cause: e },
    );
  }
  const mask: Mask2D = { data: new Uint8Array(maskImg.width * maskImg.height), width: maskImg.width, height: maskImg.height };
  for (let i = 0; i < mask.data.length; i++) {
    for (let k = 0; k < maskImg.channels; k++) if (maskImg.data[i * maskImg.channels + k] !== 0) mask.data[i] = 1;
  }
  const options: ExtractOptions = { discretization, families, filter };
  if (opts.channel !== undefined) options.channel = parseChannel(opts.channel, image.channels);
  if (opts.resegmentRange !== undefined) options.resegment = { range: parseRange(opts.resegmentRange), outlier: opts.outlier === true };
  else if (opts.outlier) options.resegment = { outlier: true };
  if (filter.kind === 'log' && image.spacingUm === undefined)
    warn('the image has no pixel size; the LoG sigma is taken in pixels (give --spacing-um)');
  if (families.includes('morph') && image.spacingUm === undefined)
    warn('the image has no pixel size: morphology features are in pixels (px, px²), not mm; give --spacing-um');
  let records: FeatureRecord[];
  try {
    records = extractRadiomics(image, mask, options);
  } catch (e) {
    if (e instanceof VesselprintError && e.code === 'EMPTY_INPUT')
      throw new VesselprintError('EMPTY_INPUT', e.message, { path: opts.mask });
    throw e;
  }
  if (opts.json)
    return `${JSON.stringify(
      records.map((r) => ({ ...r, value: Number.isFinite(r.value) ? r.value : null })),
      null,
      1,
    )}\n`;
  const lines = records.map(
    (r) =>
      `${r.family.padEnd(6)} ${r.name.padEnd(46)} ${r.ibsi_code} ${(r.aggregation ?? '-').padEnd(4)} ${Number.isFinite(r.value) ? formatValue(r.value) : 'NaN'}`,
  );
  return `${lines.join('\n')}\n`;
}

function parseRange(s: string): [number, number] {
  const m = /^\s*(-?[\d.eE+-]+)\s*:\s*(-?[\d.eE+-]+)\s*$/.exec(s);
  const lo = m ? Number(m[1]) : Number.NaN;
  const hi = m ? Number(m[2]) : Number.NaN;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new VesselprintError('BAD_ARGUMENT', `expected MIN:MAX with MIN <= MAX, got "${s}"`, { field: 'resegment-range' });
  }
  return [lo, hi];
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : Number(v.toPrecision(6)).toString();
}
