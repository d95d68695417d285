import type { ActiveRun } from '../track/activeRun.js';
import type { DemoAssociation } from './runDemo.js';
import type { ModelReport } from '../learn/analysis/runModel.js';
import type { FeatureRow } from '../table/types.js';

export interface DemoFigureInputs {
  subjects: FeatureRow[];
  associations: DemoAssociation[];
  model: ModelReport;
  outDir: string;
}

/** Figures of the demo study, logged to the run (specs + data) and exported when a browser is available. */
export async function demoFigures(_run: ActiveRun, _d: DemoFigureInputs): Promise<{ logged: number; exported: number }> {
  return { logged: 0, exported: 0 };
}
