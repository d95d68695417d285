/** Image and field-of-view size: the denominators of the densities. */
import type { FeatureGroup } from '../featureTypes.js';
import { inGroup, PIXEL_COUNT } from './define.js';

/** Group `image`: size, spacing and FOV area. */
export const imageGroup: FeatureGroup = {
  id: 'image',
  title: 'Image and field of view',
  modality: 'both',
  features: inGroup('image', [
    {
      key: 'image_width_px',
      label: 'Image width',
      unit: 'px',
      definition: 'image width (columns)',
      reference: 'none (image metadata)',
      invariance: PIXEL_COUNT,
    },
    {
      key: 'image_height_px',
      label: 'Image height',
      unit: 'px',
      definition: 'image height (rows)',
      reference: 'none (image metadata)',
      invariance: PIXEL_COUNT,
    },
    {
      key: 'spacing_um',
      label: 'Pixel spacing',
      unit: 'µm/px',
      definition: 'pixel spacing used (null when the image has none: then every feature with a length unit is null)',
      reference: 'none (image metadata)',
      invariance: { notInvariant: 'the spacing itself: doubles at ×2' },
      absentReason: 'the image has no pixel spacing',
    },
    {
      key: 'fov_area_mm2',
      label: 'Field-of-view area',
      unit: 'mm²',
      definition: 'FOV pixels × spacing²',
      reference: 'none (image geometry)',
      invariance: { x2: 0.01, x4: 0.02 },
      absentReason: 'the image has no pixel spacing',
    },
  ]),
  compute: (ctx) => ({
    image_width_px: ctx.mask.width,
    image_height_px: ctx.mask.height,
    spacing_um: ctx.hasSpacing ? ctx.spacingUm : null,
    fov_area_mm2: ctx.fovAreaMm2,
  }),
};
