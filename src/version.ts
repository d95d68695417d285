import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Root folder of the installed vesselprint package (the one holding package.json). */
export const PACKAGE_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** vesselprint's version, read from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
