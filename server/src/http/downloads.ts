import type { FastifyReply } from 'fastify';
import type { ExportedFile } from '../use-cases/exported-file.js';

/** RFC 6266 / 5987 attachment header that keeps Chinese names in every browser. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a generated file as a download under its Chinese name. */
export function sendFile(reply: FastifyReply, file: ExportedFile) {
  if (file.size !== undefined) reply.header('content-length', file.size);
  return reply.header('content-type', file.contentType).header('content-disposition', attachment(file.fileName)).send(file.body);
}
