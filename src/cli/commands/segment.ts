import type { Command } from 'commander';
import { VesselprintError, oneOf } from '../../core/errors.js';
import { toMask, assertSameSize, countMask, type Mask2D } from '../../core/image.js';
import { readImage } from '../../io/readImage.js';
import { writeImage } from '../../io/writeImage.js';
import { segmentImage, SEGMENT_METHODS } from '../../segment/segmentImage.js';
import { MODALITIES, parseModality } from '../../core/modality.js';
import { CHANNEL_NAMES } from '../../core/channel.js';
import { availableParallelism } from 'node:os';

interface SegmentOpts {
  method: string;
  fov?: string;
  out: string;
  prob?: string;
  modality: string;
  channel?: string;
  model?: string;
  workers?: string;
}

/**
 * `vesselprint segment IMAGE --method frangi [--fov FOV.png] --out MASK.png [--prob PROB.tiff]`:
 * writes a binary vessel mask (PNG, 0/255) and optionally the probability map scaled to [0, 1]
 * (float32 TIFF; a .png probability is written as 16-bit, 0..65535).
 */
export function register(program: Command): void {
  program
    .command('segment')
    .description('segment vessels in a fundus or skin capillary image (no training needed for frangi/line)')
    .argument('<image>', 'input image (PNG, JPEG, TIFF, GIF, DICOM)')
    .option('--method <m>', `segmenter: ${SEGMENT_METHODS.join(' | ')}`, 'frangi')
    .option('--fov <file>', 'field-of-view mask (non-zero = inside); estimated when absent')
    .requiredOption('--out <mask.png>', 'output binary mask (0/255)')
    .option('--prob <prob.tiff>', 'also write the probability/vesselness map in [0, 1] (float32 TIFF, or 16-bit PNG)')
    .option('--modality <m>', `defaults for: ${MODALITIES.join(' | ')}`, 'fundus')
    .option('--channel <c>', `channel: ${CHANNEL_NAMES.join(' | ')} (default: green)`)
    .option('--model <dir>', 'trained model folder (method unet)')
    .option('--workers <n>', 'worker threads for U-Net inference (default: one per core)')
    .action(async (image: string, opts: SegmentOpts) => {
      const method = oneOf('method', opts.method, SEGMENT_METHODS);
      const modality = parseModality(opts.modality, '--modality');
      const channel = opts.channel === undefined ? undefined : oneOf('channel', opts.channel, CHANNEL_NAMES);
      if (!/\.png$/i.test(opts.out))
        throw new VesselprintError('BAD_ARGUMENT', `the mask is written as PNG; expected a .png path, got "${opts.out}"`, { field: 'out' });
      if (opts.prob !== undefined && !/\.(tiff?|png)$/i.test(opts.prob)) {
        throw new VesselprintError('BAD_ARGUMENT', `expected a .tif, .tiff or .png path, got "${opts.prob}"`, { field: 'prob' });
      }
      const workers = opts.workers === undefined ? availableParallelism() : Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1)
        throw new VesselprintError('BAD_ARGUMENT', `--workers must be an integer ≥ 1, got "${opts.workers}"`, { field: 'workers' });
      const img = await readImage(image);
      let fov: Mask2D | undefined;
      if (opts.fov !== undefined) {
        fov = toMask(await readImage(opts.fov));
        try {
          assertSameSize(img, fov, 'image and FOV mask');
        } catch (e) {
          throw new VesselprintError(
            'SHAPE_MISMATCH',
            `FOV mask is ${fov.width}x${fov.height}, image ${image} is ${img.width}x${img.height}`,
            { path: opts.fov, cause: e },
          );
        }
        if (countMask(fov) === 0)
          throw new VesselprintError('EMPTY_INPUT', 'the FOV mask is empty (no non-zero pixel): nothing to segment', {
            path: opts.fov,
            field: '--fov',
          });
      }
      const t0 = performance.now();
      const r = await segmentImage(img, {
        method,
        modality,
        ...(fov ? { fov } : {}),
        ...(opts.model !== undefined ? { modelDir: opts.model } : {}),
        ...(method === 'unet' ? { workers } : {}),
        ...(channel ? { classical: { channel } } : {}),
      }).catch((e: unknown) => {
        // an empty estimated FOV is a property of this image file: name it
        throw e instanceof VesselprintError && e.code === 'EMPTY_INPUT' && e.path === undefined
          ? new VesselprintError('EMPTY_INPUT', e.message.replace(/^field fov: /, ''), { path: image, cause: e })
          : e;
      });
      const secs = (performance.now() - t0) / 1000;
      const mask8 = new Uint8Array(r.mask.data.length);
      let vessels = 0;
      for (let i = 0; i < mask8.length; i++) {
        mask8[i] = r.mask.data[i] ? 255 : 0;
        vessels += r.mask.data[i] ? 1 : 0;
      }
      const spacing = img.spacingUm !== undefined ? { spacingUm: img.spacingUm } : {};
      await writeImage(opts.out, { data: mask8, width: img.width, height: img.height, channels: 1, ...spacing }, { bitDepth: 8 });
      if (opts.prob !== undefined) {
        if (/\.png$/i.test(opts.prob)) {
          const p16 = new Uint16Array(r.probability.data.length);
          for (let i = 0; i < p16.length; i++) p16[i] = Math.round(r.probability.data[i]! * 65535);
          await writeImage(opts.prob, { data: p16, width: img.width, height: img.height, channels: 1, ...spacing }, { bitDepth: 16 });
        } else {
          await writeImage(opts.prob, { ...r.probability, ...spacing }, { bitDepth: 32 });
        }
      }
      let inFov = 0;
      for (let i = 0; i < r.fov.data.length; i++) inFov += r.fov.data[i] ? 1 : 0;
      process.stderr.write(
        `segment: ${method} on ${img.width}x${img.height} in ${secs.toFixed(1)} s; FOV ${opts.fov ? 'given' : modality === 'fundus' ? 'estimated' : 'whole image'} (${inFov} px); ` +
          `vessel fraction ${(vessels / Math.max(1, inFov)).toFixed(4)}; threshold ${r.threshold.toFixed(4)}\n` +
          `  mask: ${opts.out}${opts.prob ? `\n  prob: ${opts.prob}` : ''}\n`,
      );
    });
}
