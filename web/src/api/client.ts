import { pathOf, queryOf, type ApiErrorBody, type CallInput, type Endpoint, type ResponseOf } from '#contract';

/** An API answer outside 2xx, carrying the server's code, message and per-field or per-row details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }

  get code(): string {
    return this.body.code;
  }
}

const SESSION_LOST_CODES = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);

let csrfToken: string | null = null;
let lastRequestAt = Date.now();
const sessionLostListeners = new Set<() => void>();

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Every request resets the server's idle clock; the idle warning counts from here. */
export function lastRequestTime(): number {
  return lastRequestAt;
}

export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

function markRequest(): void {
  lastRequestAt = Date.now();
}

function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

function parseErrorBody(status: number, text: string): ApiErrorBody {
  try {
    const parsed = JSON.parse(text) as Partial<ApiErrorBody>;
    if (typeof parsed.code === 'string' && typeof parsed.message === 'string') return parsed as ApiErrorBody;
  } catch {
    // a proxy or a crash answered with something that is not our JSON
  }
  return {
    code: `HTTP_${status}`,
    message: status >= 500 ? '服务器暂时无法处理请求，请稍后再试' : `请求失败（${status}）`,
  };
}

/** Turns a failed answer into an ApiError and tells the session when the login is gone. */
function failureFrom(status: number, text: string): ApiError {
  const error = new ApiError(status, parseErrorBody(status, text));
  if (status === 401 && SESSION_LOST_CODES.has(error.code)) sessionLostListeners.forEach((listener) => listener());
  return error;
}

const networkFailure = () => new ApiError(0, { code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(method === 'GET' ? {} : csrfHeaders()),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  };
  markRequest();
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    // A cancelled request (TanStack Query cancels what no screen waits for any more) is not a network failure.
    if (signal?.aborted) throw error;
    throw networkFailure();
  }
  if (!response.ok) throw failureFrom(response.status, await response.text());
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export interface UploadProgress {
  percent: number;
}

/**
 * Multipart upload with progress (fetch cannot report upload progress), field name `file`; `headers` adds
 * request headers (an objection's one-time token).
 */
export function upload<T>(
  path: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  headers: Record<string, string> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    Object.entries({ ...csrfHeaders(), ...headers }).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ percent: Math.round((event.loaded / event.total) * 100) });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(JSON.parse(xhr.responseText) as T);
      } else {
        reject(failureFrom(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(networkFailure());
    const form = new FormData();
    form.append('file', file, file.name);
    markRequest();
    xhr.send(form);
  });
}

/** A call's input, and the signal that cancels it. */
type Input<E extends Endpoint> = CallInput<E> & { signal?: AbortSignal };
type Args<E extends Endpoint> = object extends CallInput<E> ? [input?: Input<E>] : [input: Input<E>];

/** The URL of an endpoint with its parameters and query filled in (for links to files). */
export function urlOf<E extends Endpoint>(e: E, ...[input]: Args<E>): string {
  const { params, query } = (input ?? {}) as {
    params?: Record<string, string | number>;
    query?: Record<string, unknown>;
  };
  return pathOf(e, params) + queryOf(query);
}

/** Calls an endpoint of the contract: the input and the answer are typed from its schemas. */
export function call<E extends Endpoint>(e: E, ...args: Args<E>): Promise<ResponseOf<E>> {
  const { body, signal } = (args[0] ?? {}) as { body?: unknown; signal?: AbortSignal };
  return request<ResponseOf<E>>(e.method, urlOf(e, ...args), body, signal);
}

/** Uploads one file to an upload endpoint of the contract, with progress. */
export function uploadTo<E extends Endpoint & { upload: true }>(
  e: E,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  ...args: Args<E>
): Promise<ResponseOf<E>> {
  return upload<ResponseOf<E>>(urlOf(e, ...args), file, onProgress);
}
