import type { Command } from 'commander';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { VesselprintError } from '../../core/errors.js';
import { toMask } from '../../core/image.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { readImage } from '../../io/readImage.js';
import { writeImage } from '../../io/writeImage.js';
import { estimateFov } from '../../preprocess/fov.js';
import { avMapsFromLabels } from '../../retina/avMapsFromLabels.js';
import { retinaFromPhotograph } from '../../retina/retinaFromPhotograph.js';
import { analyzeRetina, type AnalyzeRetinaOptions, type RetinaAnalysis } from '../../retina/analyzeRetina.js';
import { checkDiscRadiusFraction } from '../../segment/unet/inputScale.js';
import { AV_RELABEL_MODES, avRelabelOption, type AvRelabelMode } from '../../retina/avSegmentDefaultModel.js';
import type { ArteryVeinMaps } from '../../segment/arteryVeinMaps.js';
import { resize, resizeMask } from '../../preprocess/resample.js';
import { AV_LABEL, resizeLabels } from '../../segment/unet/avLabels.js';
import { retinaOverlay } from '../../retina/retinaOverlay.js';
import { avLabelImage } from '../../retina/avLabelImage.js';

interface RetinaCliOptions {
  fov?: string;
  spacingUm?: string;
  model?: string;
  avMaps?: string;
  disc?: string;
  outDir: string;
  json?: boolean;
  workers?: string;
  tta?: boolean;
  avBalance?: boolean;
  widthMethod?: string;
  minDiscBrightness?: string;
  discRadiusFraction?: string;
  eye?: string;
  scaleByFov?: boolean;
  avRelabel?: string;
}

function parsePositive(value: string, field: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) throw new VesselprintError('BAD_ARGUMENT', `expected a positive number, got "${value}"`, { field });
  return x;
}

/**
 * `vesselprint retina IMAGE [--fov MASK] [--spacing-um S] [--model DIR | --av-maps LABELS] [--disc R,C,RADIUS] [--workers N] [--tta] [--no-av-balance] [--width-method M] [--min-disc-brightness X] [--no-scale-by-fov] --out-dir DIR --json`:
 * optic disc, artery/vein vessel segments, CRAE/CRVE/AVR and zone-C measures of a fundus
 * photograph (docs/retina.md); writes vessel_prob.tiff, vessels.png, av.png and overlay.png.
 * Without `--av-maps` the artery/vein maps come from the CNN (`--model`, default the shipped
 * hrf-av-unet).
 */
export function register(program: Command): void {
  program
    .command('retina')
    .description('optic disc, artery/vein segments, CRAE/CRVE/AVR (Knudtson) and zone-C measures of a fundus photograph')
    .argument('<image>', 'colour fundus photograph')
    .option('--fov <file>', 'field-of-view mask (non-zero = inside); default: estimated from the image')
    .option(
      '--spacing-um <um>',
      'µm per pixel (default: the spacing stored in the file; without one the µm values are null, AVR is still given)',
    )
    .option('--model <dir>', 'artery/vein model folder (default: the shipped hrf-av-unet; see docs/retina.md)')
    .option('--workers <n>', 'worker threads for the artery/vein CNN (default: one per core)')
    .option('--tta', 'average the artery/vein CNN over four flips (4x its time; see docs/retina.md for what it gained on held-out images)')
    .option(
      '--no-av-balance',
      "keep the CNN's own artery/vein split (default: the model's image-level artery fraction is applied when its metadata has one; docs/retina.md)",
    )
    .option(
      '--width-method <method>',
      'zone-B width: "level" (sub-pixel, the vessel probability at the model\'s calibrated level), "mask" (the class mask) or "profile" (half-height green intensity); default: "level" when the model has a calibrated level, else "mask" (docs/retina.md)',
    )
    .option(
      '--no-scale-by-fov',
      "run the CNN at the model's fixed training factor instead of scaling the photograph to the training field of view (default: scaled when the model records its FOV diameter; docs/unet.md)",
    )
    .option(
      '--av-relabel <mode>',
      'relabel arteries/veins segment by segment before the calibres: "none" (default), "propagation" (the CNN\'s evidence propagated over junctions and crossings) or "classifier" (with colour features); better A/V labels (av.png, overlay, zone-C per type), not better CRAE/CRVE (docs/retina.md)',
    )
    .option(
      '--av-maps <file>',
      'artery/vein label image instead of the model: HRF colours (red artery, blue vein, green crossing) or 0/1/2/3',
    )
    .option('--disc <row,col,radius>', 'optic disc centre and radius in pixels (default: detected)')
    .option(
      '--min-disc-brightness <x>',
      'a detected disc must be at least this many times as bright as its surroundings, else disc_found is 0 and the disc-relative values are null (default 1.25; docs/retina.md)',
    )
    .option(
      '--disc-radius-fraction <f>',
      "detected disc radius as a fraction of the fitted FOV circle's radius (default 0.081, HRF's 45° camera; calibrate for another camera, docs/retina.md); also scales the CNN's input to the training camera's magnification",
    )
    .option('--eye <OD|OS>', 'the eye the photograph is said to show: eye_mismatch is 1 when the disc lies on the other side of the field')
    .requiredOption('--out-dir <dir>', 'folder for vessel_prob.tiff, vessels.png, av.png, overlay.png')
    .option('--json', 'print one flat JSON object')
    .action(async (imagePath: string, opts: RetinaCliOptions) => {
      const image = await readImage(imagePath);
      const fov = opts.fov !== undefined ? toMask(await readImage(opts.fov)) : estimateFov(image);
      if (fov.width !== image.width || fov.height !== image.height) {
        throw new VesselprintError('SHAPE_MISMATCH', `FOV is ${fov.width}x${fov.height} but the image is ${image.width}x${image.height}`, {
          path: opts.fov,
          field: '--fov',
        });
      }
      const options: AnalyzeRetinaOptions = { fov, ...(opts.avBalance === false && { avBalance: false }) };
      if (opts.widthMethod !== undefined) {
        const m = opts.widthMethod;
        if (m !== 'mask' && m !== 'level' && m !== 'profile')
          throw new VesselprintError('BAD_ARGUMENT', `--width-method must be one of mask, level, profile; got "${m}"`, {
            field: '--width-method',
          });
        options.widthMethod = m;
      }
      if (opts.avRelabel !== undefined) {
        const m = opts.avRelabel;
        if (!(AV_RELABEL_MODES as readonly string[]).includes(m))
          throw new VesselprintError('BAD_ARGUMENT', `--av-relabel must be one of ${AV_RELABEL_MODES.join(', ')}; got "${m}"`, {
            field: '--av-relabel',
          });
        options.avSegmentClassifier = avRelabelOption(m as AvRelabelMode);
      }
      if (opts.minDiscBrightness !== undefined) options.minDiscBrightness = parsePositive(opts.minDiscBrightness, '--min-disc-brightness');
      if (opts.eye !== undefined) {
        if (opts.eye !== 'OD' && opts.eye !== 'OS')
          throw new VesselprintError('BAD_ARGUMENT', `--eye must be OD (right) or OS (left), got "${opts.eye}"`, { field: '--eye' });
        options.eye = opts.eye;
      }
      if (opts.discRadiusFraction !== undefined)
        options.discRadiusFraction = checkDiscRadiusFraction(parsePositive(opts.discRadiusFraction, '--disc-radius-fraction'));
      const spacing = opts.spacingUm !== undefined ? parsePositive(opts.spacingUm, '--spacing-um') : image.spacingUm;
      if (spacing !== undefined) options.spacingUm = spacing;
      if (opts.disc !== undefined) {
        const p = opts.disc.split(',').map((s) => Number(s.trim()));
        if (p.length !== 3 || p.some((x) => !Number.isFinite(x)) || !(p[2]! > 0)) {
          throw new VesselprintError('BAD_ARGUMENT', `expected "row,col,radius" in pixels with radius > 0, got "${opts.disc}"`, {
            field: '--disc',
          });
        }
        options.disc = { row: p[0]!, col: p[1]!, radiusPx: p[2]! };
      }
      let a: RetinaAnalysis;
      let maps: ArteryVeinMaps;
      let analysed = image;
      let k = 1;
      let analysisRecord: Record<string, number | string | null>;
      if (opts.avMaps !== undefined) {
        if (opts.tta === true)
          throw new VesselprintError('BAD_ARGUMENT', '--tta averages the CNN over flips; with --av-maps no CNN runs', { field: '--tta' });
        const labels = await readImage(opts.avMaps);
        if (labels.width !== image.width || labels.height !== image.height) {
          throw new VesselprintError(
            'SHAPE_MISMATCH',
            `A/V label image is ${labels.width}x${labels.height} but the image is ${image.width}x${image.height}`,
            { path: opts.avMaps, field: '--av-maps' },
          );
        }
        maps = avMapsFromLabels(labels, opts.avMaps);
        a = analyzeRetina(image, maps, options);
        analysisRecord = a.record;
      } else {
        const workers = opts.workers === undefined ? availableParallelism() : Number(opts.workers);
        if (!Number.isInteger(workers) || workers < 1)
          throw new VesselprintError('BAD_ARGUMENT', `--workers must be an integer ≥ 1, got "${opts.workers}"`, { field: 'workers' });
        const r = await retinaFromPhotograph(image, {
          ...options,
          cnn: {
            ...(opts.model !== undefined ? { modelDir: opts.model } : {}),
            workers,
            ...(opts.tta === true ? { flipTta: true } : {}),
            ...(opts.scaleByFov === false ? { scaleByFov: false } : {}),
          },
        });
        ({ analysis: a, maps, image: analysed, upsample: k, record: analysisRecord } = r);
      }
      mkdirSync(opts.outDir, { recursive: true });
      const sp = spacing !== undefined ? { spacingUm: spacing } : {};
      // the analysis may have run on an enlarged copy (k > 1): the files are at the photograph's size
      const W = image.width,
        H = image.height;
      const prob = k === 1 ? maps.vessel : resize({ data: maps.vessel, width: maps.width, height: maps.height, channels: 1 }, W, H).data;
      await writeImage(join(opts.outDir, 'vessel_prob.tiff'), { data: prob, width: W, height: H, channels: 1, ...sp });
      const vm = k === 1 ? a.vesselMask : resizeMask(a.vesselMask, W, H);
      const v8 = new Uint8Array(vm.data.length);
      for (let i = 0; i < v8.length; i++) v8[i] = vm.data[i] ? 255 : 0;
      await writeImage(join(opts.outDir, 'vessels.png'), { data: v8, width: W, height: H, channels: 1, ...sp });
      const av = avLabelImage(a.avMaps, a.vesselMask);
      let avOut = av;
      if (k !== 1) {
        // shrunk onto the vessel pixels of vessels.png, each taking the majority label of its footprint (ties 0)
        const lab = {
          data: av.data.map((v, i) => (a.vesselMask.data[i] && v === 0 ? AV_LABEL.unknown : v)),
          width: av.width,
          height: av.height,
        };
        const small = resizeLabels(lab, vm);
        avOut = { ...small, data: small.data.map((v) => (v === AV_LABEL.unknown ? 0 : v)), channels: 1 };
      }
      await writeImage(join(opts.outDir, 'av.png'), { ...avOut, ...sp });
      await writeImage(join(opts.outDir, 'overlay.png'), retinaOverlay(analysed, a));
      const record: Record<string, number | string | null> = { image: imagePath, ...analysisRecord };
      const json = JSON.stringify(record, null, opts.json ? 2 : 0);
      writeFileAtomic(join(opts.outDir, 'retina.json'), `${json}\n`);
      if (opts.json) process.stdout.write(`${json}\n`);
      else {
        const width = Math.max(...Object.keys(record).map((k) => k.length));
        process.stdout.write(
          Object.entries(record)
            .map(
              ([k, v]) =>
                `${k.padEnd(width)}  ${typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : v === null ? '—' : v}\n`,
            )
            .join(''),
        );
      }
    });
}
