/**
 * The DICOM attributes vesselprint reads. This is a whitelist: no other element of a DICOM file
 * is ever read, returned, logged or written, so patient identifiers (PatientName, PatientID,
 * PatientBirthDate, addresses, institution and physician names, UIDs, dates, free-text
 * comments...) cannot leak. Tags as `xGGGGEEEE` (dicom-parser's notation).
 */
export const DICOM_TECHNICAL_TAGS = {
  TransferSyntaxUID: 'x00020010',
  Modality: 'x00080060',
  ImagerPixelSpacing: 'x00181164',
  NominalScannedPixelSpacing: 'x00182010',
  SamplesPerPixel: 'x00280002',
  PhotometricInterpretation: 'x00280004',
  PlanarConfiguration: 'x00280006',
  NumberOfFrames: 'x00280008',
  Rows: 'x00280010',
  Columns: 'x00280011',
  PixelSpacing: 'x00280030',
  BitsAllocated: 'x00280100',
  BitsStored: 'x00280101',
  HighBit: 'x00280102',
  PixelRepresentation: 'x00280103',
  RescaleIntercept: 'x00281052',
  RescaleSlope: 'x00281053',
  PixelData: 'x7fe00010',
} as const;

/**
 * Transfer syntaxes (DICOM PS3.5 §10 and Annex A) and what vesselprint does with them.
 * `native`: uncompressed pixels decoded here; `jpeg-baseline`: 8-bit JPEG decoded with sharp;
 * anything else is refused with a clear `UNSUPPORTED_FORMAT` error.
 */
export const TRANSFER_SYNTAXES: Record<
  string,
  { name: string; support: 'native' | 'jpeg-baseline' | 'unsupported'; littleEndian: boolean }
> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', support: 'native', littleEndian: true },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', support: 'native', littleEndian: true },
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian', support: 'native', littleEndian: true },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian (retired)', support: 'native', littleEndian: false },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', support: 'jpeg-baseline', littleEndian: true },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended (Process 2 & 4, 12-bit)', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless (Process 14)', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless SV1 (Process 14, selection value 1)', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 (Lossless Only)', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.201': { name: 'High-Throughput JPEG 2000 (Lossless Only)', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.202': { name: 'High-Throughput JPEG 2000 with RPCL (Lossless Only)', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.4.203': { name: 'High-Throughput JPEG 2000', support: 'unsupported', littleEndian: true },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', support: 'unsupported', littleEndian: true },
};

/** Photometric interpretations decoded (PS3.3 C.7.6.3.1.2). */
export const PHOTOMETRICS = ['MONOCHROME1', 'MONOCHROME2', 'RGB', 'YBR_FULL', 'YBR_FULL_422'] as const;

/**
 * Modality defined terms (PS3.3 C.7.3.1.1.1) reported by `info`. Any other text in the
 * Modality element is reported as `other`, so that a misused element cannot carry free text
 * (e.g. a name) into the output.
 */
export const MODALITY_TERMS = [
  'OP',
  'OPT',
  'OPM',
  'OPV',
  'OAM',
  'OCT',
  'IVOCT',
  'XC',
  'SM',
  'ES',
  'GM',
  'OT',
  'DOC',
  'CR',
  'DX',
  'MG',
  'CT',
  'MR',
  'US',
  'PT',
  'NM',
  'RF',
  'XA',
  'IO',
  'PX',
  'SC',
] as const;
