import type { Command } from 'commander';
import { validateManifest } from '../../manifest/validateManifest.js';
import { formatProblem } from '../../manifest/problems.js';
import { checkManifestImages } from '../../manifest/checkManifestImages.js';

/**
 * `vesselprint validate MANIFEST [--json] [--no-check-files] [--images]`: checks a manifest and its schema
 * file and prints ALL problems, one line per problem (`FILE: row N: column C: message`) on
 * stdout, then a summary on stderr. `--json` prints the same as one JSON object on stdout.
 * `--images` also decodes every image and mask (unreadable files, mask size ≠ image size).
 * Exit 0 when there is no error (warnings allowed), 1 when there is any error, 2 when the
 * manifest cannot be read at all.
 */
export function register(program: Command): void {
  program
    .command('validate')
    .description('check a manifest (CSV or JSON) and its schema file; one line per problem, exit 1 if any error')
    .argument('<manifest>', 'manifest file (.csv or .json); its schema is <manifest>.schema.json')
    .option('--json', 'print the result as JSON')
    .option('--no-check-files', 'do not check that image and mask files exist')
    .option('--images', 'also decode every image and mask: unreadable files, masks whose size differs from the image (slower)')
    .action(async (manifest: string, opts: { json?: boolean; checkFiles: boolean; images?: boolean }) => {
      const v = validateManifest(manifest, { checkFiles: opts.checkFiles });
      if (opts.images) {
        v.problems.push(...(await checkManifestImages(v)));
        v.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
        v.valid = !v.problems.some((p) => p.severity === 'error');
      }
      const errors = v.problems.filter((p) => p.severity === 'error').length;
      const warnings = v.problems.length - errors;
      if (opts.json) {
        const out = {
          manifest,
          valid: v.valid,
          rows: v.rows.length,
          subjects: new Set(v.rows.map((r) => r.subject_id)).size,
          schemaInferred: v.schemaInferred,
          errors,
          warnings,
          problems: v.problems.map((p) => ({ ...p, text: formatProblem(p) })),
        };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const p of v.problems) process.stdout.write(`${formatProblem(p)}\n`);
        process.stderr.write(
          `${manifest}: ${v.rows.length} rows, ${new Set(v.rows.map((r) => r.subject_id)).size} subjects: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${v.valid ? ' (valid)' : ''}\n`,
        );
      }
      if (!v.valid) process.exitCode = 1;
    });
}
