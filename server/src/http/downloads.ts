import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ExportedFile } from '../use-cases/exported-file.js';

/** RFC 6266 / 5987 attachment header that keeps Chinese names in every browser. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `?inline=1` opens a generated PDF in the browser (the preview dialog's frame) instead of saving it. */
export const inlineQuery = z.object({ inline: z.enum(['0', '1'], { error: 'inline 须为 0 或 1' }).optional() });

/**
 * Sends a generated file under its Chinese name: as a download, or shown in place when `inline` is
 * asked for a PDF (framed by this origin's preview only).
 */
export function sendFile(reply: FastifyReply, file: ExportedFile, options: { inline?: '0' | '1' } = {}) {
  if (file.size !== undefined) reply.header('content-length', file.size);
  const disposition = attachment(file.fileName);
  if (options.inline === '1' && file.contentType === 'application/pdf') {
    reply.header('content-disposition', disposition.replace(/^attachment/, 'inline')).header('x-frame-options', 'SAMEORIGIN');
  } else {
    reply.header('content-disposition', disposition);
  }
  return reply.header('content-type', file.contentType).header('x-content-type-options', 'nosniff').send(file.body);
}
