import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldLabel } from '../../../shared/src/index.js';
import { AppError, errorCatalog, type ErrorCode, type FieldError } from '../domain/errors.js';

/** Maps every error to `{ code, message, ... }` with a 4xx where the client is at fault; never a stack trace. */
export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const send = (code: ErrorCode, message?: string, extra: Record<string, unknown> = {}) =>
    void reply.status(errorCatalog[code].status).send({ code, message: message ?? errorCatalog[code].message, ...extra });

  if (err instanceof AppError) return send(err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const source = (where === 'querystring' ? req.query : where === 'params' ? req.params : req.body) as unknown;
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    for (const v of err.validation) {
      const path = v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const field = path.join('.') || 'body';
      if (seen.has(field)) continue;
      seen.add(field);
      const missing = path.length > 0 && valueAt(source, path) === undefined;
      errors.push({ field, message: `${fieldLabel(path)}：${missing ? '必填' : v.message}` });
    }
    return send('VALIDATION_FAILED', `输入有误：${errors.map((e) => e.message).join('；')}`, { errors });
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send('VALIDATION_FAILED', '请求内容不是有效的 JSON', { errors: [{ field: 'body', message: '请求内容不是有效的 JSON' }] });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return send('VALIDATION_FAILED', '请求内容类型不受支持', { errors: [{ field: 'body', message: '请求内容类型不受支持' }] });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return send('FILE_TOO_LARGE');
  }
  if (fe.statusCode === 429) return send('RATE_LIMITED');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return void reply.status(fe.statusCode).send({ code: 'BAD_REQUEST', message: '请求无效' });
  }
  req.log.error({ err }, 'unhandled error');
  void reply.status(500).send({ code: 'INTERNAL', message: '系统内部错误，请稍后再试；如持续出现请联系管理员' });
}

function valueAt(source: unknown, path: (string | number)[]): unknown {
  let cur = source;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
