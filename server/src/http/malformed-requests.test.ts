import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUnit } from '../../test-support/applications.js';
import { tinyPdf } from '../../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../../test-support/harness.js';
import { multipart, type TestClient } from '../../test-support/http.js';

/**
 * What the router, the body parsers and Node's HTTP parser refuse, asked the way a broken client or a
 * prober would: every answer is our JSON `{ code, message }` with a 4xx and a Chinese message that names
 * the real limit, never Fastify's English, a stack trace or a 500.
 */

// Evidence is limited to 2 MiB here, so a roster (20 MiB, its own limit) is bigger than the evidence limit.
const EVIDENCE_LIMIT = 2 * 1024 * 1024;
let server: TestServer;
let client: TestClient;
let id: string;

beforeAll(async () => {
  server = await startTestServer({ config: { maxUploadBytes: EVIDENCE_LIMIT } });
  ({ client, id } = await registerUnit(server.app, 40_001));
});
afterAll(async () => server?.close());

const CHINESE = /[\u4e00-\u9fff]/;

/** Our error answer: the status, our code, a Chinese message, nothing of Fastify's or Node's own. */
function expectRefusal(res: LightMyRequestResponse, status: number, code: string, message?: string | RegExp): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<Record<string, unknown>>();
  expect(body.code).toBe(code);
  expect(body.message).toMatch(CHINESE);
  if (message !== undefined) expect(body.message).toMatch(message);
  expect(Object.keys(body).sort()).toEqual(
    Object.keys(body).includes('errors') ? ['code', 'errors', 'message'] : ['code', 'message'],
  );
  expect(res.body).not.toMatch(/FST_|stack|Error|statusCode| {4}at /);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['x-frame-options']).toBe('DENY');
}

const upload = (url: string, name: string, content: Buffer) => {
  const body = multipart(name, content);
  return client.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
};

describe('malformed requests get our Chinese errors', () => {
  it('a URL with broken percent-encoding', async () => {
    expectRefusal(await client.get('/api/v1/applications/%E0%A4%A'), 400, 'BAD_URL', '请求地址含有无效的字符编码');
    expectRefusal(await client.get(`/api/v1/applications/${id}/evidence/%ZZ`), 400, 'BAD_URL');
  });

  it('a path parameter longer than the router takes, naming the limit', async () => {
    expectRefusal(
      await client.get(`/api/v1/applications/${'a'.repeat(101)}`),
      414,
      'URL_PARAM_TOO_LONG',
      '请求地址中的参数过长（每段最多 100 个字符）',
    );
    expectRefusal(await client.get(`/api/v1/packages/${'4'.repeat(5000)}/summary.pdf`), 414, 'URL_PARAM_TOO_LONG');
  });

  it('a parameter of the wrong form', async () => {
    expectRefusal(await client.get('/api/v1/applications/not-a-uuid'), 400, 'VALIDATION_FAILED', '申报编号格式不正确');
  });

  it('a JSON body over the 1 MiB limit, naming it', async () => {
    const big = JSON.stringify({ platformName: 'x'.repeat(1024 * 1024) });
    expectRefusal(
      await client.request({
        method: 'PATCH',
        url: `/api/v1/applications/${id}`,
        payload: big,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'REQUEST_TOO_LARGE',
      '请求内容超过 1 MB 的大小限制',
    );
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: big,
      headers: { 'content-type': 'application/json' },
    });
    expectRefusal(login, 413, 'REQUEST_TOO_LARGE', '1 MB');
  });

  it('a body that is not JSON, or JSON of the wrong shape', async () => {
    const patch = (payload: string, contentType = 'application/json') =>
      client.request({
        method: 'PATCH',
        url: `/api/v1/applications/${id}`,
        payload,
        headers: { 'content-type': contentType },
      });
    expectRefusal(await patch('{"serviceStaff": 1'), 400, 'VALIDATION_FAILED', '请求内容不是有效的 JSON');
    expectRefusal(await patch('{"__proto__": {"admin": true}}'), 400, 'VALIDATION_FAILED');
    expectRefusal(await patch('[1, 2]'), 400, 'VALIDATION_FAILED', '期望 object');
    expectRefusal(await patch('"text"'), 400, 'VALIDATION_FAILED');
    expectRefusal(await patch(''), 400, 'VALIDATION_FAILED');
  });

  it('a body of a type no route takes', async () => {
    const send = (contentType: string, payload: string) =>
      client.request({
        method: 'PATCH',
        url: `/api/v1/applications/${id}`,
        payload,
        headers: { 'content-type': contentType },
      });
    for (const type of [
      'application/xml',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
    ]) {
      expectRefusal(
        await send(type, '{"serviceStaff":1}'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        /application\/json.*multipart\/form-data/,
      );
    }
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: 'username=a&password=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectRefusal(anonymous, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('an upload that is not multipart, or whose multipart body is broken off', async () => {
    const roster = `/api/v1/applications/${id}/roster`;
    expectRefusal(
      await client.post(roster, { file: 'x' }),
      400,
      'VALIDATION_FAILED',
      '请以 multipart/form-data 上传文件',
    );
    const raw = (payload: string, contentType: string) =>
      client.request({ method: 'POST', url: roster, payload, headers: { 'content-type': contentType } });
    expectRefusal(await raw('garbage', 'multipart/form-data'), 400, 'BAD_REQUEST', '上传的数据不完整或格式有误');
    expectRefusal(await raw('garbage', 'multipart/form-data; boundary=xyz'), 400, 'BAD_REQUEST');
    const cutOff =
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="名单.xlsx"\r\n\r\nPK\x03\x04 and then nothing';
    expectRefusal(await raw(cutOff, 'multipart/form-data; boundary=xyz'), 400, 'BAD_REQUEST');
    expectRefusal(
      await raw('--xyz--\r\n', 'multipart/form-data; boundary=xyz'),
      400,
      'VALIDATION_FAILED',
      '未收到文件',
    );
  });

  it('a roster over its own 20 MiB limit names 20 MB, evidence over MAX_UPLOAD_MB names that', async () => {
    const roster = await upload(`/api/v1/applications/${id}/roster`, '名单.xlsx', Buffer.alloc(20 * 1024 * 1024 + 1));
    expectRefusal(roster, 413, 'FILE_TOO_LARGE', '文件“名单.xlsx”超过 20 MB 的大小限制');
    expect(roster.json().errors).toEqual([{ field: 'file', message: '文件：超过 20 MB 的大小限制' }]);
    const institutions = await upload(
      `/api/v1/applications/${id}/institutions/import`,
      '机构.xlsx',
      Buffer.alloc(20 * 1024 * 1024 + 1),
    );
    expectRefusal(institutions, 413, 'FILE_TOO_LARGE', '20 MB');

    // Bigger than the evidence limit but within the roster's: not refused for its size.
    const withinRoster = await upload(
      `/api/v1/applications/${id}/roster`,
      '名单.xlsx',
      Buffer.alloc(EVIDENCE_LIMIT + 1),
    );
    expect(withinRoster.json().code).not.toBe('FILE_TOO_LARGE');

    const evidence = await upload(
      `/api/v1/applications/${id}/evidence?type=business_license`,
      '营业执照.pdf',
      Buffer.concat([tinyPdf(), Buffer.alloc(EVIDENCE_LIMIT)]),
    );
    expectRefusal(evidence, 413, 'FILE_TOO_LARGE', '文件“营业执照.pdf”超过 2 MB 的大小限制');
  });

  it('an unknown /api route or method', async () => {
    expectRefusal(await client.get('/api/v1/no-such-thing'), 404, 'NOT_FOUND');
    expectRefusal(await client.request({ method: 'PUT', url: '/api/v1/session', payload: {} }), 404, 'NOT_FOUND');
  });
});

/** Sends raw bytes to the listening server and returns everything it answers before closing. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseRaw(answer: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head, body] = answer.split('\r\n\r\n', 2);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1]),
    headers: head!,
    body: JSON.parse(body!) as Record<string, unknown>,
  };
}

describe('what Node’s HTTP parser refuses before Fastify sees it', () => {
  it('headers too large', async () => {
    const answer = parseRaw(
      await rawExchange(
        `GET /api/v1/session HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      ),
    );
    expect(answer.status).toBe(431);
    expect(answer.body).toEqual({ code: 'HEADERS_TOO_LARGE', message: '请求头过大（最多 16 KB）' });
    expect(answer.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
  });

  it('a request line that is not HTTP', async () => {
    const answer = parseRaw(await rawExchange('THIS IS NOT HTTP\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 'BAD_REQUEST', message: '请求格式无效' });
  });
});

describe('Cache-Control', () => {
  it('no-store on API answers that carry personal data, JSON and downloads alike, and on refusals', async () => {
    const pdf = await upload(`/api/v1/applications/${id}/evidence?type=business_license`, '营业执照.pdf', tinyPdf());
    expect(pdf.statusCode, pdf.body).toBe(201);
    for (const url of [
      '/api/v1/my/application',
      `/api/v1/applications/${id}`,
      `/api/v1/applications/${id}/evidence/${pdf.json<{ id: string }>().id}`,
      '/api/v1/session',
      '/api/v1/account/sessions',
    ]) {
      const res = await client.get(url);
      expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const anonymous = await server.app.inject({ method: 'GET', url: `/api/v1/applications/${id}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('leaves the web app and its assets to their own caching', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/login' });
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset, 'the built web app (npx vite build)').toBeDefined();
    const js = await server.app.inject({ method: 'GET', url: asset! });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).not.toBe('no-store');
  });
});
