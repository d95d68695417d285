import type { Command } from 'commander';
import { readImageInfo } from '../../io/readImage.js';
import type { ImageFileInfo } from '../../io/types.js';
import { isVesselprintError } from '../../core/errors.js';

/**
 * `vesselprint info IMAGE... [--json]`: format, size, channels, bit depth, pixel spacing (and
 * where it came from), frame count and, for DICOM, the whitelisted technical tags. Never
 * prints identifiers (see io/dicomTags.ts). One image: a read error is the command's error
 * (exit 2). Several images: each error is printed and the others still described (exit 2 at the end).
 */
export function register(program: Command): void {
  program
    .command('info')
    .description('describe image files: dimensions, channels, bit depth, spacing (never identifiers)')
    .argument('<images...>', 'image files (PNG, JPEG, TIFF, GIF, DICOM)')
    .option('--json', 'print JSON (an object for one image, an array for several)')
    .action(async (images: string[], opts: { json?: boolean }) => {
      const results: Array<{ path: string } & ImageFileInfo> = [];
      let failed = false;
      for (const path of images) {
        try {
          results.push({ path, ...(await readImageInfo(path)) });
        } catch (e) {
          if (images.length === 1 || !isVesselprintError(e)) throw e;
          process.stderr.write(`vesselprint: error [${e.code}]: ${e.message}\n`);
          failed = true;
        }
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(images.length === 1 ? results[0] : results, null, 2)}\n`);
      } else {
        process.stdout.write(results.map(formatInfo).join('\n'));
      }
      if (failed) process.exitCode = 2;
    });
}

/** The text form of one image's info. */
function formatInfo(i: { path: string } & ImageFileInfo): string {
  const spacing =
    i.spacingUmRowCol !== undefined
      ? `${fmt(i.spacingUmRowCol[0])} µm (rows) x ${fmt(i.spacingUmRowCol[1])} µm (columns) per pixel`
      : i.spacingUm !== undefined
        ? `${fmt(i.spacingUm)} µm per pixel`
        : 'unknown';
  const lines = [
    `${i.path}`,
    `  format     ${i.format.toUpperCase()}`,
    `  size       ${i.width} x ${i.height} px (width x height)`,
    `  channels   ${i.channels}`,
    `  bit depth  ${i.bitDepth} (${i.sampleFormat})`,
    `  spacing    ${spacing} [${i.spacingSource}]`,
    `  frames     ${i.frames}${i.frames > 1 ? ' (only the first is read)' : ''}`,
  ];
  if (i.dicom !== undefined)
    lines.push(
      `  dicom      ${Object.entries(i.dicom)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

function fmt(v: number): string {
  return Number(v.toPrecision(8)).toString();
}
