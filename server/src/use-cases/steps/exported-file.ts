import type { Readable } from 'node:stream';

/** A generated file ready to download: its name (with extension), media type and bytes or stream. */
export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: Buffer | Readable;
  /** Length of a streamed body, when known before streaming (sent as Content-Length). */
  size?: number;
}

export type DocumentFormat = 'docx' | 'xlsx' | 'pdf' | 'zip';

const mediaTypes: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

/** Renders one document in the asked format, named `<name>.<format>`. */
export async function exportedFile<F extends DocumentFormat>(
  name: string,
  format: F,
  renderers: Record<F, () => Promise<Buffer>>,
): Promise<ExportedFile> {
  return { fileName: `${name}.${format}`, contentType: mediaTypes[format], body: await renderers[format]() };
}

export function exportedStream(name: string, stream: Readable, size: number): ExportedFile {
  return { fileName: `${name}.zip`, contentType: mediaTypes.zip, body: stream, size };
}
