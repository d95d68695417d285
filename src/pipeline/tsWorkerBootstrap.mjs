// Worker-thread bootstrap used when vesselprint runs from its TypeScript sources (through tsx):
// registers tsx inside the worker, then loads the real worker module named in workerData.
import { workerData } from 'node:worker_threads';
const { register } = await import('tsx/esm/api');
register();
await import(workerData.entryUrl);
