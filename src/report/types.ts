import type { ArtifactFile, RunRecord } from '../track/types.js';

/** How an artifact is shown in the report. */
export type ArtifactKind = 'plotly' | 'image' | 'config' | 'table' | 'text' | 'other';

/** One artifact of a run as the report shows it. */
export interface ReportArtifact extends ArtifactFile {
  kind: ArtifactKind;
  /** Path of the copy inside the site, relative to the site root (`/`-separated); undefined when not copied (too large). */
  sitePath?: string;
  /** Parsed Plotly spec for `plotly` artifacts. */
  figure?: { data: unknown[]; layout?: unknown };
  /** Text content for `config` and small `text`/`table` artifacts (first {@link ReportOptions.maxInlineChars} characters). */
  text?: string;
}

/** A run with what the report needs: the record, its experiment's name and its artifacts. */
export interface ReportRun {
  run: RunRecord;
  experiment: string;
  artifacts: ReportArtifact[];
  /** Child depth in display order (0 top-level, 1 a fold of a CV run …). */
  depth: number;
}

/** An executed notebook rendered to HTML inside the site. */
export interface ReportNotebook {
  /** Notebook file name, e.g. `01-cohort-and-quality.ipynb`. */
  name: string;
  /** Site-relative path of the HTML rendering. */
  sitePath: string;
}

/** Options of {@link writeReport}. */
export interface ReportOptions {
  /** Only runs of this experiment (by name); default all experiments. */
  experiment?: string;
  /** Folder of executed notebooks (`*.ipynb`) to render with `jupyter nbconvert --to html`; default `out/notebooks`. Skipped when missing. */
  notebooksDir?: string;
  /** Runs pre-selected on the comparison page (run ids); default the newest top-level runs (up to 4). */
  compare?: string[];
  /** Artifacts larger than this many bytes are listed but not copied into the site; default 20 MB. */
  maxArtifactBytes?: number;
  /** Characters of a config/text artifact shown inline; default 20 000. */
  maxInlineChars?: number;
  /** The `jupyter` executable; default `/usr/bin/jupyter` when it exists, else `jupyter` on PATH. */
  jupyter?: string;
  /** Called with progress lines (default: none). */
  log?: (line: string) => void;
}

/** What {@link writeReport} wrote. */
export interface ReportResult {
  /** Absolute path of `index.html`. */
  index: string;
  runs: number;
  figures: number;
  notebooks: ReportNotebook[];
  /** Notebooks that could not be rendered, with the reason. */
  notebookProblems: string[];
}
