import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const ASSET = '/assets/index-D0fA1b2C.js';

/** A web build as vite.config.ts leaves it: index.html and a hashed script, each with its `.br` and `.gz`. */
function writeWebBuild(dir: string): { html: Buffer; js: Buffer } {
  const html = Buffer.from(
    `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>申报系统</title>` +
      `<script type="module" src="${ASSET}"></script></head><body><div id="root"></div>` +
      `<!-- ${'河南省中小企业公共服务示范平台申报系统 '.repeat(60)} --></body></html>`,
  );
  const js = Buffer.from(
    Array.from({ length: 400 }, (_, i) => `export const step${i} = (x) => x * ${i} + ${i % 7};\n`).join(''),
  );
  fs.mkdirSync(path.join(dir, 'assets'));
  for (const [name, bytes] of [
    ['index.html', html],
    [ASSET.slice(1), js],
  ] as const) {
    fs.writeFileSync(path.join(dir, name), bytes);
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(bytes));
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(bytes));
  }
  return { html, js };
}

/** The body as the client reads it, undoing the answer's Content-Encoding. */
function decoded(res: LightMyRequestResponse): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.rawPayload);
  if (encoding === 'gzip') return zlib.gunzipSync(res.rawPayload);
  expect(encoding).toBeUndefined();
  return res.rawPayload;
}

let app: App;
let dist: string;
let files: { html: Buffer; js: Buffer };
beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-web-delivery-'));
  files = writeWebBuild(dist);
  app = await createTestApp({ config: { webDistDir: dist, loginRateLimitPerMinute: 1000 } });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('delivery of the web app', () => {
  it.each([
    ['br', 'br, gzip, deflate'],
    ['gzip', 'gzip, deflate'],
    ['gzip', 'gzip;q=1, br;q=0.5'],
  ])(
    'sends index.html, for every client-side route, as %s when asked with "%s", revalidated on every load',
    async (encoding, accept) => {
      for (const url of ['/', '/precheck', '/login?next=%2Fapplicant']) {
        const res = await get(url, accept);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-encoding'], url).toBe(encoding);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
        expect(res.rawPayload.length).toBeLessThan(files.html.length / 4);
        expect(decoded(res).equals(files.html)).toBe(true);
      }
    },
  );

  it('sends a hashed script compressed as asked, cached for a year as immutable', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await get(ASSET, accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(files.js.length / 4);
      expect(decoded(res).equals(files.js)).toBe(true);
    }
  });

  it('sends the files as they are to a client that asks for no encoding, or for identity only', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      for (const [url, bytes] of [
        ['/', files.html],
        [ASSET, files.js],
      ] as const) {
        const res = await get(url, accept);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-encoding'], `${url} ${accept}`).toBeUndefined();
        expect(Number(res.headers['content-length'])).toBe(bytes.length);
        expect(res.rawPayload.equals(bytes)).toBe(true);
      }
    }
  });

  it('answers 404 for the precompressed copies and for an asset that is not there, never the page', async () => {
    for (const url of [`${ASSET}.br`, `${ASSET}.gz`, '/assets/index-Gone0000.js']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('answers a malformed Accept-Encoding without an error, compressed or not', async () => {
    for (const accept of ['br;q=abc, gzip;q=', ';;;,,,', '*;q=2', 'gzip;q=1;q=0', 'x'.repeat(4000), 'br\u00ff']) {
      for (const url of ['/', ASSET, '/api/v1/reference']) {
        const res = await get(url, accept);
        expect(res.statusCode, `${url} with "${accept.slice(0, 20)}"`).toBe(200);
        expect(decoded(res).length).toBeGreaterThan(1000);
      }
    }
  });
});

describe('compression of the API', () => {
  it('compresses a JSON answer as asked, keeps it no-store, and sends it plain when not asked', async () => {
    const plain = await get('/api/v1/reference');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-store');
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    for (const encoding of ['br', 'gzip']) {
      const res = await get('/api/v1/reference', encoding);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(JSON.parse(decoded(res).toString('utf8'))).toEqual(plain.json());
    }
  });

  it(
    'sends the 刻盘 zip untouched, with its Content-Length, to a client that accepts br and gzip',
    { timeout: 120_000 },
    async () => {
      const city = await new TestClient(app).login('luoyang');
      const { id } = await submittedApplication(app, '410300', { platformName: '洛阳压缩测试服务平台' });
      await makeReadyForRecommendation(city, id);
      expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);

      const res = await city.request({
        method: 'GET',
        url: '/api/v1/packages/410300/archive.zip',
        headers: { 'accept-encoding': 'br, gzip, deflate' },
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.rawPayload.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))).toBe(true);
    },
  );
});

describe('the real build', () => {
  it('has a brotli and a gzip copy beside every script, stylesheet and page over 1 KB, each decoding to it', () => {
    const root = process.env.TEST_WEB_DIST_DIR ?? loadConfig({}).webDistDir;
    const built = fs.readdirSync(root, { recursive: true, encoding: 'utf8' });
    const texts = built.filter((f) => /\.(?:js|css|html)$/.test(f));
    expect(texts.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(5);
    for (const file of texts) {
      const bytes = fs.readFileSync(path.join(root, file));
      if (bytes.length < 1024) continue;
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(root, `${file}.br`))).equals(bytes), file).toBe(true);
      expect(zlib.gunzipSync(fs.readFileSync(path.join(root, `${file}.gz`))).equals(bytes), file).toBe(true);
    }
  });
});
