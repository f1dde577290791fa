/** Batch configuration names file kinds; the browser's file chooser wants extensions. */
const EXTENSIONS: Record<string, string[]> = {
  pdf: ['.pdf'],
  ofd: ['.ofd'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
};

const NAMES: Record<string, string> = {
  pdf: 'PDF',
  ofd: 'OFD',
  jpeg: 'JPEG',
  png: 'PNG',
  docx: 'Word（docx）',
  xlsx: 'Excel（xlsx）',
};

export function acceptAttribute(kinds: readonly string[]): string {
  return kinds.flatMap((k) => EXTENSIONS[k] ?? [`.${k}`]).join(',');
}

export function kindNames(kinds: readonly string[]): string {
  return kinds.map((k) => NAMES[k] ?? k.toUpperCase()).join('、');
}
