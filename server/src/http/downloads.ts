import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { ExportedFile } from '../use-cases/steps/exported-file.js';

/** RFC 6266 / 5987 attachment header that keeps Chinese names in every browser. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The Content-Security-Policy of a file shown in place (a preview frame, or a new window): sandboxed
 * without exceptions, so a browser that applies it gives the document an opaque origin, no script, no
 * forms and no pop-ups as this site; nothing may be loaded from it; framed by this origin only. Inline
 * styles are allowed because the browser's own image document uses them (Chromium logs a violation
 * for each otherwise). Checked in Chromium 156 (headless, the app's frame and a window of its own):
 * the PDF viewer renders such a PDF with no console message, but does not apply the sandbox to it
 * (the document keeps this origin, and a PDF's own JavaScript still runs, in PDFium, without access to
 * the page); an image or HTML answer does get the opaque origin. An `<iframe sandbox>` attribute, by
 * contrast, makes Chromium refuse the PDF outright.
 */
export const INLINE_CSP = [
  'sandbox',
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Sends an answer to be shown in place rather than saved: inline, framed by this origin only, sandboxed. */
export function showInPlace(reply: FastifyReply, fileName: string): FastifyReply {
  return reply
    .header('content-disposition', attachment(fileName).replace(/^attachment/, 'inline'))
    .header('x-frame-options', 'SAMEORIGIN')
    .header('content-security-policy', INLINE_CSP);
}

/**
 * Sends a generated file under its Chinese name: as a download, or shown in place when `inline` is
 * asked for a PDF (showInPlace).
 */
export function sendFile(reply: FastifyReply, file: ExportedFile, options: { inline?: '0' | '1' } = {}) {
  if (file.size !== undefined) reply.header('content-length', file.size);
  if (options.inline === '1' && file.contentType === 'application/pdf') showInPlace(reply, file.fileName);
  else reply.header('content-disposition', attachment(file.fileName));
  return reply.header('content-type', file.contentType).header('x-content-type-options', 'nosniff').send(file.body);
}

/**
 * Sends a stored file (an upload) as it is, under the name it was uploaded with: as a download, or shown in
 * place when `inline` is asked. Never sniffed: its type was checked by content at upload.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { original_name: string; media_type: string; size_bytes: number },
  stream: Readable,
  options: { inline?: '0' | '1' } = {},
) {
  if (options.inline === '1') showInPlace(reply, file.original_name);
  else reply.header('content-disposition', attachment(file.original_name));
  return reply
    .header('content-type', file.media_type)
    .header('content-length', String(file.size_bytes))
    .header('x-content-type-options', 'nosniff')
    .send(stream);
}
