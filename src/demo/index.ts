/** Public API of demo/: the main job of the bundled synthetic study. */
export { runDemo, demoAssociations, DEFAULT_DEMO, type DemoOptions, type DemoResult, type DemoAssociation } from './runDemo.js';
export { subjectTable } from './subjectTable.js';
export { buildDemoFigures, demoFigures } from './demoFigures.js';
