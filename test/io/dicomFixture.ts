import dcmjs from 'dcmjs';

/** Fake identifiers planted in test DICOM files; none may ever appear in vesselprint's output. */
export const FAKE_IDENTIFIERS = {
  PatientName: 'Zyxwv^Quintessa',
  PatientID: 'PID-98765-SECRET',
  PatientBirthDate: '19230417',
  PatientAddress: '42 Hidden Lane, Nowhereville',
  InstitutionName: 'Saint Obscura Eye Clinic',
  ReferringPhysicianName: 'Qwerty^Doctor',
  OtherPatientIDs: 'ALT-55555',
  AccessionNumber: 'ACC7777777',
  ImageComments: 'patient Quintessa phoned about results',
  StudyDate: '20240229',
  SOPInstanceUID: '1.2.826.0.1.3680043.2.1125.987654321.1',
  StudyInstanceUID: '1.2.826.0.1.3680043.2.1125.987654321.2',
  SeriesInstanceUID: '1.2.826.0.1.3680043.2.1125.987654321.3',
} as const;

export interface DicomSpec {
  rows: number;
  columns: number;
  pixels: ArrayBuffer | ArrayBuffer[];
  bitsAllocated: number;
  bitsStored?: number;
  samplesPerPixel?: number;
  photometric?: string;
  planarConfiguration?: number;
  pixelRepresentation?: number;
  transferSyntax?: string;
  extra?: Record<string, unknown>;
  numberOfFrames?: number;
}

/** Writes a DICOM Part 10 file (Ophthalmic Photography 8-bit SOP class) with dcmjs, carrying the fake identifiers. */
export function makeDicom(spec: DicomSpec): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const ts = spec.transferSyntax ?? '1.2.840.10008.1.2.1';
  const encapsulated = ts.startsWith('1.2.840.10008.1.2.4') || ts === '1.2.840.10008.1.2.5';
  const ds: Record<string, unknown> = {
    ...FAKE_IDENTIFIERS,
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.77.1.5.1',
    Modality: 'OP',
    Rows: spec.rows,
    Columns: spec.columns,
    SamplesPerPixel: spec.samplesPerPixel ?? 1,
    PhotometricInterpretation: spec.photometric ?? 'MONOCHROME2',
    BitsAllocated: spec.bitsAllocated,
    BitsStored: spec.bitsStored ?? spec.bitsAllocated,
    HighBit: (spec.bitsStored ?? spec.bitsAllocated) - 1,
    PixelRepresentation: spec.pixelRepresentation ?? 0,
    PixelData: Array.isArray(spec.pixels) ? spec.pixels : [spec.pixels],
    _vrMap: { PixelData: spec.bitsAllocated > 8 && !encapsulated ? 'OW' : 'OB' },
    ...(spec.samplesPerPixel === 3 ? { PlanarConfiguration: spec.planarConfiguration ?? 0 } : {}),
    ...(spec.numberOfFrames !== undefined ? { NumberOfFrames: String(spec.numberOfFrames) } : {}),
    ...spec.extra,
  };
  const meta = {
    MediaStorageSOPClassUID: ds.SOPClassUID,
    MediaStorageSOPInstanceUID: FAKE_IDENTIFIERS.SOPInstanceUID,
    TransferSyntaxUID: ts,
    ImplementationClassUID: '1.2.826.0.1.3680043.2.1125.1',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(ds);
  return new Uint8Array(dict.write({ fragmentMultiframe: false }));
}
