/** One cell of a feature table: a number, a string (keys, categorical covariates) or missing. */
export type Cell = number | string | null;

/** One row of the feature table: one image, columns namespaced (`vascular.*`, `radiomics.*`, `qc.*`). */
export type FeatureRow = Record<string, Cell>;

/** One entry of the data dictionary written next to every feature table. */
export interface DictionaryEntry {
  /** Column name, e.g. `vascular.fractal_dimension_box`. */
  name: string;
  /** Unit, e.g. `mm/mm^2`, `um`, `1` (dimensionless), or `` for keys. */
  unit: string;
  /** One-sentence definition. */
  definition: string;
  /** Literature reference (DOI / IBSI code) or `` when not applicable. */
  reference: string;
}
