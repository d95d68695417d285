import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { VesselprintError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { writeCsv } from '../../table/csv.js';
import { openVideo, type OpenVideoOptions } from '../../io/openVideo.js';
import { encodePng } from '../../io/encodePng.js';
import { encodeTiff } from '../../io/encodeTiff.js';
import { analyseRecording } from '../../capillaroscopy/analyseRecording.js';
import { countingField, inField, DEFAULT_RECORDING_MEASURES } from '../../capillaroscopy/recordingMeasures.js';
import { mapToImage, overlayImage } from '../../capillaroscopy/renderMaps.js';
import { parsePositive } from '../parsePositive.js';

interface CapillaroscopyCliOptions {
  spacingUm?: string;
  fps?: string;
  outDir?: string;
  json?: boolean;
}

/**
 * `vesselprint capillaroscopy VIDEO [--spacing-um S] [--fps F] [--out-dir DIR] --json`: analyses one
 * skin capillaroscopy recording (multi-page TIFF, folder of numbered frames, or AVI/MP4/… through ffmpeg)
 * and prints one flat JSON object (see docs/capillaroscopy.md); writes the perfusion maps (mean, min, SD:
 * float TIFFs with the values and 8-bit PNGs for viewing), an overlay of the detected capillaries,
 * capillaries.csv, frames.csv (registration and QC per frame) and measures.json to DIR.
 */
export function register(program: Command): void {
  program
    .command('capillaroscopy')
    .description('skin capillary videomicroscopy: stabilise a recording, perfusion maps, perfused capillaries, density and distribution')
    .argument('<video>', 'multi-page TIFF, folder of numbered frames, or a video file (AVI, MP4, … through ffmpeg)')
    .option('--spacing-um <um>', 'pixel spacing in µm per pixel (default: the spacing stored in the file, if any)')
    .option('--fps <f>', 'frame rate in frames per second (default: the rate stored in the file, if any)')
    .option('--out-dir <dir>', 'folder for maps, overlay and tables (default: VIDEO_capillaroscopy beside the video)')
    .option('--json', 'print one flat JSON object')
    .action(async (video: string, opts: CapillaroscopyCliOptions) => {
      const o: OpenVideoOptions = {};
      if (opts.spacingUm !== undefined) o.spacingUm = parsePositive(opts.spacingUm, '--spacing-um');
      if (opts.fps !== undefined) o.fps = parsePositive(opts.fps, '--fps');
      const src = await openVideo(video, o);
      if (src.info.spacingUm === undefined) {
        throw new VesselprintError(
          'BAD_ARGUMENT',
          `the recording carries no pixel spacing (${src.info.spacingSource}): give --spacing-um (µm per pixel)`,
          { path: video, field: '--spacing-um' },
        );
      }
      const t0 = performance.now();
      const a = await analyseRecording(src.frames(), {
        spacingUm: src.info.spacingUm,
        ...(src.info.fps !== undefined ? { fps: src.info.fps } : {}),
      });
      const seconds = (performance.now() - t0) / 1000;
      const outDir = opts.outDir ?? join(dirname(video), `${basename(video, extname(video))}_capillaroscopy`);
      mkdirSync(outDir, { recursive: true });
      const { maps, detection } = a;
      const field = countingField(maps, DEFAULT_RECORDING_MEASURES.guardUm);
      const counted = detection.capillaries.map((c) => inField(c, field));
      const sp: [number, number] = [maps.spacingUm, maps.spacingUm];
      for (const [name, values] of [
        ['mean', maps.mean],
        ['min', maps.min],
        ['sd', maps.sd],
      ] as const) {
        writeFileAtomic(join(outDir, `${name}.tif`), encodeTiff(values, maps.width, maps.height, 1, sp));
        writeFileAtomic(join(outDir, `${name}.png`), encodePng(mapToImage(values, maps).data, maps.width, maps.height, 1, sp));
      }
      const ov = overlayImage(maps, detection, field, counted);
      writeFileAtomic(join(outDir, 'overlay.png'), encodePng(ov.data, ov.width, ov.height, 3, sp));
      const capRows = detection.capillaries.map((c, i) => ({
        row_px: c.row,
        col_px: c.col,
        area_px: c.areaPx,
        length_um: c.lengthUm,
        apex_diameter_um: c.apexDiameterUm,
        darkness: c.darkness,
        flow_index: c.flowIndex,
        perfused: c.perfused ? 1 : 0,
        counted: counted[i] ? 1 : 0,
      }));
      writeCsv(join(outDir, 'capillaries.csv'), capRows, [
        'row_px',
        'col_px',
        'area_px',
        'length_um',
        'apex_diameter_um',
        'darkness',
        'flow_index',
        'perfused',
        'counted',
      ]);
      const frRows = maps.frames.map((f) => ({
        frame: f.index,
        shift_row_px: f.dRow,
        shift_col_px: f.dCol,
        peak: f.peak,
        focus: f.focus,
        dropped: f.dropped,
      }));
      writeCsv(join(outDir, 'frames.csv'), frRows, ['frame', 'shift_row_px', 'shift_col_px', 'peak', 'focus', 'dropped']);
      const record: Record<string, number | string | null> = {
        video,
        format: src.info.format,
        width: src.info.width,
        height: src.info.height,
        fps_source: src.info.fpsSource,
        spacing_source: src.info.spacingSource,
      };
      for (const [k, v] of Object.entries(a.measures) as [string, number][]) record[k] = Number.isFinite(v) ? v : null;
      record.analysis_seconds = +seconds.toFixed(3);
      record.out_dir = outDir;
      const json = JSON.stringify(record, null, opts.json ? 2 : 0);
      writeFileAtomic(join(outDir, 'measures.json'), `${json}\n`);
      if (opts.json) process.stdout.write(`${json}\n`);
      else {
        const w = Math.max(...Object.keys(record).map((k) => k.length));
        process.stdout.write(
          Object.entries(record)
            .map(([k, v]) => `${k.padEnd(w)}  ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toPrecision(6)) : (v ?? '—')}\n`)
            .join(''),
        );
      }
    });
}
