/**
 * Unit, definition and reference of every numeric field of the `analyzeRetina` /
 * `retinaFromPhotograph` record — the `retina.*` columns of an `extract` table and its data
 * dictionary (docs/retina.md, "Output fields", has the same in prose). Pixel fields are in the
 * photograph's own pixels.
 */
export interface RetinaFieldDoc {
  /** Short label for axes and tables (`featureLabel`). */
  label: string;
  unit: string;
  definition: string;
  reference: string;
}

const KNUDTSON = 'Knudtson et al., Curr Eye Res 27(3):143-149, 2003, doi:10.1076/ceyr.27.3.143.16049';
const ZONE_C = 'zone C: 0.5-2 disc diameters from the disc margin (docs/retina.md)';

const zoneC = (kind: 'artery' | 'vein'): Record<string, RetinaFieldDoc> => ({
  [`${kind}_tortuosity_zone_c`]: {
    label: `Tortuosity, ${kind === 'artery' ? 'arteries' : 'veins'}, zone C`,
    unit: '1',
    definition: `length-weighted mean arc/chord of the ${kind} segments with at least half their pixels in ${ZONE_C}`,
    reference: 'Hart et al., Int J Med Inform 53:239-252, 1999, doi:10.1016/S1386-5056(98)00163-4',
  },
  [`${kind}_fractal_dimension_zone_c`]: {
    label: `Fractal dimension, ${kind === 'artery' ? 'arteries' : 'veins'}, zone C`,
    unit: '1',
    definition: `box-counting dimension of the ${kind} class mask inside ${ZONE_C}`,
    reference: 'Liew et al., Ophthalmology 115:1951-1956, 2008, doi:10.1016/j.ophtha.2008.05.029',
  },
  [`${kind}_branching_angle_deg_zone_c`]: {
    label: `Branching angle, ${kind === 'artery' ? 'arteries' : 'veins'}, zone C`,
    unit: 'deg',
    definition: `mean angle between the two children at the ${kind} skeleton's bifurcations in ${ZONE_C}`,
    reference: 'Zamir, J Theor Biol 62:227-251, 1976, doi:10.1016/0022-5193(76)90058-8',
  },
});

/** The numeric record fields, by name (without the `retina.` prefix). */
export const RETINA_FIELD_DOCS: Readonly<Record<string, RetinaFieldDoc>> = {
  disc_row: { label: 'Optic disc centre row', unit: 'px', definition: 'optic disc centre, row (detected, or given)', reference: '' },
  disc_col: { label: 'Optic disc centre column', unit: 'px', definition: 'optic disc centre, column', reference: '' },
  disc_radius_px: {
    label: 'Optic disc radius',
    unit: 'px',
    definition: 'optic disc radius; also tells the resolution the calibres were measured at (under ~35 px: too coarse, docs/retina.md)',
    reference: '',
  },
  disc_detected: { label: 'Optic disc detected', unit: '1', definition: '1 when the disc was detected, 0 when given', reference: '' },
  disc_found: {
    label: 'Optic disc found',
    unit: '1',
    definition: '0 when the detected candidate failed the plausibility check (brightness); the disc-relative values are then null',
    reference: '',
  },
  disc_score: {
    label: 'Optic disc detector score',
    unit: '1',
    definition: "the disc detector's z-score sum at the candidate (null for a given disc)",
    reference: '',
  },
  disc_brightness: {
    label: 'Optic disc relative brightness',
    unit: '1',
    definition: 'brightness at the disc candidate relative to its surroundings (null for a given disc)',
    reference: '',
  },
  disc_vessel_density_ratio: {
    label: 'Optic disc vessel density ratio',
    unit: '1',
    definition: 'vessel density at the disc candidate over its mean in the field of view (null for a given disc)',
    reference: '',
  },
  pixel_spacing_um: { label: 'Pixel spacing (retina)', unit: 'um/px', definition: 'pixel spacing used for the µm values', reference: '' },
  crae_um: {
    label: 'CRAE',
    unit: 'um',
    definition: 'central retinal arteriolar equivalent: revised Knudtson formula over the six widest arterioles crossing zone B',
    reference: KNUDTSON,
  },
  crve_um: {
    label: 'CRVE',
    unit: 'um',
    definition: 'central retinal venular equivalent: revised Knudtson formula over the six widest venules crossing zone B',
    reference: KNUDTSON,
  },
  avr: {
    label: 'AVR',
    unit: '1',
    definition: 'arteriole-to-venule ratio CRAE / CRVE (independent of the pixel spacing)',
    reference: KNUDTSON,
  },
  n_arterioles_zone_b: {
    label: 'Arterioles in zone B',
    unit: 'count',
    definition: 'distinct arterioles measured in zone B, before taking the six widest',
    reference: '',
  },
  n_venules_zone_b: {
    label: 'Venules in zone B',
    unit: 'count',
    definition: 'distinct venules measured in zone B, before taking the six widest',
    reference: '',
  },
  n_crossings_excluded_zone_b: {
    label: 'Crossings excluded in zone B',
    unit: 'count',
    definition: 'connected groups of ambiguous (crossing) pixels touching zone B, excluded',
    reference: '',
  },
  n_unsure_excluded_zone_b: {
    label: 'Unsure segments excluded in zone B',
    unit: 'count',
    definition: 'unsure segments crossing the middle of zone B, excluded',
    reference: '',
  },
  zone_b_visible_fraction: {
    label: 'Zone B shown',
    unit: '1',
    definition:
      'fraction of zone B (2-3 disc radii from the disc centre) inside the frame and the field of view; below 1 the field cuts zone B and CRAE/CRVE may miss vessels (a grader checks the overlay)',
    reference: '',
  },
  zone_c_visible_fraction: {
    label: 'Zone C shown',
    unit: '1',
    definition: 'fraction of zone C (2-5 disc radii from the disc centre) inside the frame and the field of view',
    reference: '',
  },
  disc_offset_fov: {
    label: 'Optic disc horizontal offset',
    unit: '1',
    definition:
      'horizontal offset of the disc centre from the centre of the field-of-view circle, in field radii (positive: right of centre in the stored image); macula-centred photographs ≈ ±0.4-0.7, the sign tells the eye (right: OD)',
    reference: '',
  },
  eye_mismatch: {
    label: 'Eye label mismatch',
    unit: '1',
    definition:
      '1 when the disc lies on the other side of the field than the recorded eye implies (OD: right of centre; a mislabelled or mirrored photograph), 0 when on the expected side; null without a recorded eye or with the disc within 0.2 field radii of the centre',
    reference: '',
  },
  vessel_threshold: {
    label: 'Vessel probability threshold',
    unit: '1',
    definition: 'vessel probability threshold of the vessel mask',
    reference: '',
  },
  cnn_downsample: {
    label: 'A/V CNN downsampling',
    unit: 'px/px',
    definition: 'photograph px per artery/vein CNN input px (null for label maps)',
    reference: '',
  },
  analysis_upsample: {
    label: 'Analysis enlargement',
    unit: '1',
    definition: 'integer enlargement of the photograph for the analysis (1: none)',
    reference: '',
  },
  width_level: {
    label: 'Width level',
    unit: '1',
    definition: 'vessel-probability level at which the zone-B widths were measured (null unless the level width method)',
    reference: '',
  },
  av_balance_shift: {
    label: 'Artery/vein prior shift',
    unit: 'log-odds',
    definition: "the image-level artery/vein prior's shift of log(p_artery / p_vein) (null when not applied)",
    reference: '',
  },
  n_segments: {
    label: 'Retinal segments',
    unit: 'count',
    definition: 'artery and vein skeleton segments at least half a disc radius long',
    reference: '',
  },
  n_short_segments: { label: 'Short retinal segments', unit: 'count', definition: 'shorter segments, counted apart', reference: '' },
  n_artery_segments: { label: 'Artery segments', unit: 'count', definition: 'segments labelled artery', reference: '' },
  n_vein_segments: { label: 'Vein segments', unit: 'count', definition: 'segments labelled vein', reference: '' },
  n_unsure_segments: { label: 'Unsure segments', unit: 'count', definition: 'segments of unsure artery/vein label', reference: '' },
  ...zoneC('artery'),
  ...zoneC('vein'),
};

/** The text column beside the numeric fields in `extract` tables: why the retina block of that image failed (null when it did not). */
export const RETINA_FAILURE_FIELD = 'failure_reason';

/** Documentation of {@link RETINA_FAILURE_FIELD}. */
export const RETINA_FAILURE_DOC: RetinaFieldDoc = {
  label: 'Retina block failure',
  unit: '',
  definition:
    'why the retina block failed for this image (e.g. a grey or too coarse photograph, a missing artery/vein label image); the other retina.* columns are then null while the rest of the row stands; empty when it ran',
  reference: '',
};
