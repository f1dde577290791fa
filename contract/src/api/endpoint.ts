import { z } from 'zod';
import { issueSchema } from '../application.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route of the API as both sides see it: method, path (`:name` parameters), the schemas of its
 * parameters, query and JSON body, and of its answer. The server registers the route from it
 * (server/src/http/serve.ts), the web calls it through it (web/src/api/client.ts), so a change on one side
 * that the other does not follow breaks the type check, and the OpenAPI document describes every answer.
 */
export interface Endpoint {
  method: HttpMethod;
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** The JSON body; an upload (multipart/form-data, one part named `file`) says `upload: true` instead. */
  body?: z.ZodType;
  upload?: true;
  /** The success status: 200 unless given; 204 answers without a body. */
  status?: 200 | 201 | 204;
  /** The success body (`noContent` for 204, `fileDownload` for a file). */
  response: z.ZodType;
}

/** Keeps an endpoint's literal types (method, path, schemas) for both sides' inference. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const rowErrorSchema = z.object({ row: z.number(), field: z.string(), message: z.string() });
export type RowError = z.infer<typeof rowErrorSchema>;

/**
 * Every failure: a code (domain/errors.ts's catalogue), a message in Chinese for the user, and where it
 * helps the fields or rows at fault. Further details an error carries (a quota's figures, an upload's
 * limits) pass through as they are.
 */
export const apiErrorSchema = z
  .looseObject({
    code: z.string(),
    message: z.string(),
    errors: z.array(fieldErrorSchema).optional(),
    rowErrors: z.array(rowErrorSchema).optional(),
    errorCount: z.number().optional(),
    /** The rules an application fails (a submission refused). */
    failures: z.array(issueSchema).optional(),
    /** A sign-in refused after failed attempts: the next one needs a graphic captcha. */
    captchaRequired: z.boolean().optional(),
  })
  .meta({ id: 'ApiError', description: '错误：代码、中文说明，以及出错的字段或行' });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** A 204 answer: no body. */
export const noContent = z.null().meta({ description: '无内容' });

/** A file sent as it is (Word, PDF, Excel, zip, an upload); never serialized as JSON. */
export const fileDownload = z.string().meta({ description: '文件内容', format: 'binary' });

/** The success body an endpoint answers with. */
export type ResponseOf<E extends Endpoint> = z.output<E['response']>;
/** What a caller sends: its path parameters, query and JSON body, each where the endpoint has one. */
export type ParamsOf<E extends Endpoint> = E['params'] extends z.ZodType ? z.input<E['params']> : never;
export type QueryOf<E extends Endpoint> = E['query'] extends z.ZodType ? z.input<E['query']> : never;
export type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : never;

/** The path with its `:name` parameters filled in (encoded). */
export function pathOf(e: Pick<Endpoint, 'path'>, params: Record<string, string | number> = {}): string {
  return e.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${e.path}: parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
}

type Part<K extends string, T> = [T] extends [never] ? { [P in K]?: never } : { [P in K]: T };
/** A call's input: `params`, `query` and `body`, each required where the endpoint has it. */
export type CallInput<E extends Endpoint> = Part<'params', ParamsOf<E>> &
  Part<'query', QueryOf<E>> &
  Part<'body', BodyOf<E>>;

/** The query string of a call: set values only, trimmed; '' when there are none. */
export function queryOf(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== '') search.set(key, text);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
