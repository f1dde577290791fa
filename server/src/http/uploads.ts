import { finished, PassThrough } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import type { IncomingFile } from '../use-cases/steps/stage-upload.js';

/** A multipart body that breaks off or has no boundary: the client's fault, so a 400 in words (busboy's own errors carry no status). */
const malformedUpload = () =>
  new AppError('BAD_REQUEST', '上传的数据不完整或格式有误，请重新上传', {
    errors: [{ field: 'file', message: '文件：上传的数据不完整，请重新上传' }],
  });

/**
 * Reads the one file part of a multipart request as a stream, cut at the size limit (which travels
 * with it, with whose limit it is when given, to be named if the file is refused for its size). A body
 * that breaks off fails the stream with `malformedUpload`; a failure of the disk it is written to stays
 * a server error.
 */
/** The size limit of an imported list workbook (a roster of 50,000 rows is ~5 MB). */
export const LIST_WORKBOOK_MAX_BYTES = 20 * 1024 * 1024;

export async function incomingFile(req: FastifyRequest, maxBytes: number, limitOf?: string): Promise<IncomingFile> {
  if (!req.isMultipart())
    throw new AppError('VALIDATION_FAILED', '请以 multipart/form-data 上传文件', {
      errors: [{ field: 'file', message: '文件：未收到文件' }],
    });
  let part: MultipartFile | undefined;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw (err as FastifyError).statusCode ? err : malformedUpload();
  }
  if (!part)
    throw new AppError('VALIDATION_FAILED', '未收到文件', { errors: [{ field: 'file', message: '文件：未收到文件' }] });
  const source = part.file;
  const stream = new PassThrough();
  finished(source, (err) => {
    if (err) stream.destroy(malformedUpload());
  });
  stream.on('close', () => source.destroy());
  source.pipe(stream);
  return { filename: part.filename, stream, truncated: () => source.truncated, maxBytes, limitOf };
}
