import { createHash } from 'node:crypto';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite.js';
import type { FeatureRow } from '../table/types.js';

/** SHA-256 (hex) over a sequence of strings/byte arrays, each length-prefixed so parts cannot run together. */
export function contentHash(parts: readonly (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    h.update(`${b.length}:`);
    h.update(b);
  }
  return h.digest('hex');
}

/**
 * Per-image result cache keyed by content hash (image bytes + masks + config + code version).
 * One JSON file per result, written atomically: after a crash or `kill -9` every file present is
 * complete, so `--resume` redoes only what is missing and never duplicates a row.
 */
export class ResultCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  private file(key: string): string {
    return join(this.dir, `${key.slice(0, 2)}`, `${key}.json`);
  }

  has(key: string): boolean {
    return existsSync(this.file(key));
  }

  /** The cached row, or undefined (a damaged entry counts as missing). */
  get(key: string): FeatureRow | undefined {
    const f = this.file(key);
    if (!existsSync(f)) return undefined;
    try {
      return JSON.parse(readFileSync(f, 'utf8')) as FeatureRow;
    } catch {
      return undefined;
    }
  }

  put(key: string, row: FeatureRow): void {
    writeFileAtomic(this.file(key), JSON.stringify(row));
  }
}
