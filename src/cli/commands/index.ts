import type { CommandModule } from './types.js';
import * as demo from './demo.js';
import * as synth from './synth.js';
import * as validate from './validate.js';
import * as info from './info.js';
import * as doctor from './doctor.js';
import * as segment from './segment.js';
import * as evaluateSeg from './evaluateSeg.js';
import * as trainSeg from './trainSeg.js';
import * as fingerprint from './fingerprint.js';
import * as radiomics from './radiomics.js';
import * as extract from './extract.js';
import * as merge from './merge.js';
import * as analyze from './analyze.js';
import * as runs from './runs.js';
import * as report from './report.js';
import * as explain from './explain.js';
import * as figure from './figure.js';
import * as capillaroscopy from './capillaroscopy.js';

/** Every command of the CLI, in the order `--help` lists them (report, explain, figure join as they land). */
export const commandModules: CommandModule[] = [demo, synth, validate, info, doctor, segment, evaluateSeg, trainSeg, fingerprint, capillaroscopy, radiomics, extract, merge, analyze, explain, figure, runs, report];
