import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldLabel } from '#contract';
import { AppError, errorCatalog, type ErrorCode, type FieldError } from '../domain/errors.js';
import { formatSize } from '../domain/sizes.js';

/** The largest JSON body a route accepts (Fastify's bodyLimit); uploads are multipart, limited per route. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** The longest path segment the router matches as a parameter (find-my-way's maxParamLength). */
export const MAX_PARAM_LENGTH = 100;

/** Maps every error to `{ code, message, ... }` with a 4xx where the client is at fault; never a stack trace. */
export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const send = (code: ErrorCode, message?: string, extra: Record<string, unknown> = {}) =>
    void reply
      .status(errorCatalog[code].status)
      .send({ code, message: message ?? errorCatalog[code].message, ...extra });

  if (err instanceof AppError) return send(err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const source = (where === 'querystring' ? req.query : where === 'params' ? req.params : req.body) as unknown;
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    for (const v of err.validation) {
      const path = v.instancePath
        .split('/')
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
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
      return send('VALIDATION_FAILED', '请求内容不是有效的 JSON', {
        errors: [{ field: 'body', message: '请求内容不是有效的 JSON' }],
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return send(
        'UNSUPPORTED_MEDIA_TYPE',
        '请求内容类型不受支持：数据请以 application/json 提交，文件请以 multipart/form-data 上传',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(
        'REQUEST_TOO_LARGE',
        `请求内容超过 ${formatSize(req.routeOptions?.bodyLimit ?? JSON_BODY_LIMIT)} 的大小限制`,
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return send('BAD_REQUEST', '请求内容的长度与 Content-Length 不符');
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return send('FILE_TOO_LARGE');
    case 'FST_ERR_BAD_URL':
      return send('BAD_URL');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return send('URL_PARAM_TOO_LONG', `请求地址中的参数过长（每段最多 ${MAX_PARAM_LENGTH} 个字符）`);
  }
  if (fe.statusCode === 429) return send('RATE_LIMITED');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return void reply.status(fe.statusCode).send({ code: 'BAD_REQUEST', message: errorCatalog.BAD_REQUEST.message });
  }
  req.log.error({ err }, 'unhandled error');
  void reply.status(500).send({ code: 'INTERNAL', message: '系统内部错误，请稍后再试；如持续出现请联系管理员' });
}

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (headers too large, a malformed
 * request line, a request that took too long) with our JSON too, instead of Fastify's English default.
 */
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST';
  const { status } = errorCatalog[code];
  const message =
    code === 'HEADERS_TOO_LARGE' ? `请求头过大（最多 ${formatSize(http.maxHeaderSize)}）` : errorCatalog[code].message;
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

function valueAt(source: unknown, path: (string | number)[]): unknown {
  let cur = source;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
