/** features/: labels and units of any feature-table column, for figures, tables and notebooks. */
export { featureLabel, type FeatureLabel } from './featureLabel.js';
