import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { userInfo } from 'node:os';
import { VesselprintError } from '../core/errors.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';

/** Libraries whose installed versions every run records (tag `vesselprint.lib.<name>`). */
export const KEY_LIBRARIES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@duckdb/node-api',
  'sharp',
  'zod',
  'pure-rand',
  'onnxruntime-node',
] as const;

/** Git state of a working tree. `dirty` ignores untracked files. */
export interface GitInfo {
  commit: string;
  branch?: string;
  dirty: boolean;
  /** Remote URL without credentials; only network URLs (never a local path). */
  repoUrl?: string;
}

function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 10000, stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The git commit, branch, dirty flag and remote of the working tree at `dir`, or undefined outside git. */
export function gitInfo(dir: string): GitInfo | undefined {
  const commit = git(dir, ['rev-parse', 'HEAD']);
  if (commit === undefined || !/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
  const status = git(dir, ['status', '--porcelain', '--untracked-files=no']);
  const info: GitInfo = { commit, dirty: status === undefined ? true : status !== '' };
  const branch = git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']);
  if (branch && branch !== 'HEAD') info.branch = branch;
  const remote = git(dir, ['config', '--get', 'remote.origin.url']);
  const safe = remote === undefined ? undefined : sanitizeRemote(remote);
  if (safe !== undefined) info.repoUrl = safe;
  return info;
}

/** A remote URL with any user:password removed, or undefined for local paths (privacy). */
export function sanitizeRemote(url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      const u = new URL(url);
      if (u.protocol === 'file:') return undefined;
      u.username = '';
      u.password = '';
      return u.href;
    } catch {
      return undefined;
    }
  }
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(url); // git@host:org/repo.git
  return scp ? `${scp[1]}:${scp[2]}` : undefined;
}

/** The top folder of the project: the git work tree containing `cwd`, else `cwd`. */
export function findProjectRoot(cwd: string = process.cwd()): string {
  return git(cwd, ['rev-parse', '--show-toplevel']) ?? resolve(cwd);
}

/**
 * A path as it may be logged: relative to the project root (with `/`), or — for a path outside
 * the project — only its file name, unless `allowAbsolute` (privacy: no raw paths outside the project).
 * @example projectRelative('/work/p/data/m.csv', '/work/p') // 'data/m.csv'
 */
export function projectRelative(path: string, projectRoot: string, allowAbsolute = false): string {
  const abs = resolve(path);
  const rel = relative(resolve(projectRoot), abs);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return allowAbsolute ? abs : basename(abs);
}

/** SHA-256 (hex) of a file's bytes; `FILE_NOT_FOUND` error naming the file. */
export function sha256File(path: string): string {
  if (!existsSync(path)) throw new VesselprintError('FILE_NOT_FOUND', 'file does not exist', { path });
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Installed version of an npm package next to vesselprint (or in `projectRoot`), or undefined. */
function installedVersion(name: string, projectRoot?: string): string | undefined {
  for (const base of [PACKAGE_ROOT, projectRoot].filter((b): b is string => b !== undefined)) {
    const p = join(base, 'node_modules', ...name.split('/'), 'package.json');
    if (existsSync(p)) {
      try {
        return String((JSON.parse(readFileSync(p, 'utf8')) as { version?: unknown }).version);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Tag key for a library version: `@tensorflow/tfjs` → `vesselprint.lib.tensorflow.tfjs`. */
function libraryTagKey(name: string): string {
  return `vesselprint.lib.${name.replace(/^@/, '').replace(/\//g, '.')}`;
}

/** The OS user name (MLflow's `mlflow.user`), from the environment or the OS. */
export function currentUser(): string {
  const env = process.env.LOGNAME ?? process.env.USER ?? process.env.USERNAME;
  if (env) return env;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Options of {@link reproducibilityTags}. */
export interface ReproducibilityOptions {
  projectRoot: string;
  /** Notebook path or command (`vesselprint extract`); default the script path relative to the project. */
  sourceName?: string;
  /** MLflow source type; default `LOCAL` (`NOTEBOOK` for notebooks, `JOB` for cluster jobs). */
  sourceType?: 'NOTEBOOK' | 'JOB' | 'PROJECT' | 'LOCAL' | 'UNKNOWN';
  /** Active tfjs backend name, if the caller loaded tfjs (this module never imports tfjs). */
  tfjsBackend?: string;
  /** More npm packages whose versions to record. */
  libraries?: string[];
  /** Record git state (default true). */
  git?: boolean;
  allowAbsolutePaths?: boolean;
}

/**
 * The reproducibility tags of a run: `mlflow.user`, `mlflow.source.name|type`,
 * `mlflow.source.git.commit|branch|dirty|repoURL`, `vesselprint.version`, `vesselprint.node_version`,
 * `vesselprint.platform`, `vesselprint.lib.*` versions and `vesselprint.tfjs_backend`.
 * @example reproducibilityTags({ projectRoot: '.' })['vesselprint.node_version'] // 'v20.20.0'
 */
export function reproducibilityTags(o: ReproducibilityOptions): Record<string, string> {
  const tags: Record<string, string> = {
    'mlflow.user': currentUser(),
    'mlflow.source.type': o.sourceType ?? 'LOCAL',
    'mlflow.source.name':
      o.sourceName ?? (process.argv[1] ? projectRelative(process.argv[1], o.projectRoot, o.allowAbsolutePaths) : 'node'),
    'vesselprint.version': VERSION,
    'vesselprint.node_version': process.version,
    'vesselprint.platform': `${process.platform}-${process.arch}`,
  };
  if (o.git !== false) {
    const g = gitInfo(o.projectRoot);
    if (g !== undefined) {
      tags['mlflow.source.git.commit'] = g.commit;
      tags['mlflow.source.git.dirty'] = String(g.dirty);
      if (g.branch !== undefined) tags['mlflow.source.git.branch'] = g.branch;
      if (g.repoUrl !== undefined) tags['mlflow.source.git.repoURL'] = g.repoUrl;
    }
  }
  for (const name of [...KEY_LIBRARIES, ...(o.libraries ?? [])]) {
    const v = installedVersion(name, o.projectRoot);
    if (v !== undefined) tags[libraryTagKey(name)] = v;
  }
  if (o.tfjsBackend !== undefined) tags['vesselprint.tfjs_backend'] = o.tfjsBackend;
  return tags;
}

/**
 * Removes absolute paths from free text (error messages) before it is logged: paths inside the
 * project become project-relative, other absolute paths keep only their file name (`…/name`).
 * URLs are left alone.
 * @example scrubPaths("ENOENT: open '/home/ana/site-A/img.png'", '/work/p') // "ENOENT: open '…/img.png'"
 */
export function scrubPaths(text: string, projectRoot: string): string {
  const root = resolve(projectRoot);
  const inside = root.endsWith(sep) ? root : root + sep;
  const out = text.split(inside).join('');
  return out.replace(/(^|[\s'"(=[,])\/(?:[^\s'"()[\],/]+\/)+([^\s'"()[\],/]+)/g, '$1…/$2');
}
