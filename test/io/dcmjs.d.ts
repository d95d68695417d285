// Minimal typing of the parts of dcmjs (no bundled types) the tests use to write DICOM files.
declare module 'dcmjs' {
  interface DicomDictInstance {
    dict: Record<string, unknown>;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomMetaDictionary: { denaturalizeDataset(ds: Record<string, unknown>): Record<string, unknown> };
      DicomDict: new (meta: Record<string, unknown>) => DicomDictInstance;
    };
  };
  export default dcmjs;
}
