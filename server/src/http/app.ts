import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { migrateToLatest, oneProcessAtATime, openDatabase, type Db } from '../db/database.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { startJobRunner } from '../jobs/job-runner.js';
import { startMaintenance } from '../jobs/maintenance.js';
import { startNotifications } from '../jobs/notifications.js';
import { seedHolidays } from '../seed/holidays.js';
import { seedIfEmpty } from '../seed/seed.js';
import { createContext, type Context } from '../use-cases/context.js';
import { encryptPersonalData } from '../use-cases/personal-data-keys.js';
import type { PasswordHasher } from '../use-cases/password-hasher.js';
import { handleClientError, handleError, JSON_BODY_LIMIT, MAX_PARAM_LENGTH } from './errors.js';
import { accountRoutes } from './routes/account-routes.js';
import { applicationRoutes } from './routes/application-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { batchAdminRoutes } from './routes/batch-admin-routes.js';
import { expertReviewRoutes } from './routes/expert-review-routes.js';
import { notificationRoutes } from './routes/notification-routes.js';
import { packageRoutes } from './routes/package-routes.js';
import { publicityRoutes } from './routes/publicity-routes.js';
import { certificateRoutes } from './routes/certificate-routes.js';
import { annualReportRoutes } from './routes/annual-report-routes.js';
import { referenceRoutes } from './routes/reference-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { signInRoutes } from './routes/sign-in-routes.js';
import { trustProxyOption, unsafeHopCount } from './proxy.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { auditDenials, installSecurity } from './security.js';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  db?: Db;
  passwords?: PasswordHasher;
}

export type App = FastifyInstance & { ctx: Context };

/** Opens the database, applies migrations, seeds an empty one, and wires routes, policy and web app. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  // Validation messages a schema does not word itself (say, a body of the wrong shape) in Chinese too.
  z.config(z.locales.zhCN());
  const db = options.db ?? openDatabase(config);
  await migrateToLatest(db);
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: JSON_BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Behind a reverse proxy (TRUST_PROXY): req.ip and req.protocol come from X-Forwarded-For/-Proto, but
    // only as far as the hops or addresses trusted; so the audit log and the rate limits see the client.
    trustProxy: trustProxyOption(config.trustProxy),
    // The router's and Node's own refusals (bad URL encoding, a parameter too long, a malformed request)
    // answer with our JSON like every other error. The router's skip the hooks, so they get the headers here.
    frameworkErrors: (err, req, reply) => {
      answerHeaders(req, reply);
      handleError(err, req, reply);
    },
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();
  if (unsafeHopCount(config)) {
    app.log.warn(
      `TRUST_PROXY=${String(config.trustProxy)} 按跳数信任代理，但服务监听 ${config.host}：直接连到本端口的客户端可伪造 X-Forwarded-For。请只让代理能连到本端口（HOST=127.0.0.1 或防火墙），或改为代理的地址`,
    );
  }
  const ctx = createContext(config, db, options.clock ?? systemClock, options.passwords, (fileId, err) =>
    app.log.error({ err, fileId }, 'digest of a stored file failed'),
  );
  await ctx.blobs.ready();
  // Several servers starting at once on one PostgreSQL database seed it once.
  const encrypted = await oneProcessAtATime(db, async () => {
    const rows = await encryptPersonalData(ctx);
    await seedIfEmpty(ctx);
    await seedHolidays(ctx);
    return rows;
  });
  if (encrypted) app.log.info(`已加密 ${encrypted} 条记录中明文存储的个人数据`);
  ctx.digester.start();
  await ctx.digests.resumePending();
  const jobs = startJobRunner(ctx, app.log);
  const maintenance = startMaintenance(ctx, app.log);
  const notifications = startNotifications(ctx, app.log);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onClose', async () => {
    await maintenance.stop();
    await notifications.stop();
    await jobs.stop();
    await ctx.digests.idle();
    await ctx.digester.close();
    await db.destroy();
  });
  app.addHook('onSend', async (req, reply) => answerHeaders(req, reply));
  // JSON only: a text/plain body would reach a route's schema as a string.
  app.removeContentTypeParser('text/plain');

  // Registered before every route: it hooks each route as it is added.
  await app.register(compress, { encodings: ['br', 'gzip'], customTypes: COMPRESSIBLE });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 20, parts: 25 } });
  // Counted in the database: the processes on one database share each limit.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db) });
  await app.register(swagger, {
    openapi: {
      info: { title: '河南省中小企业公共服务示范平台申报系统 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sb_session' } } },
    },
    transform: jsonSchemaTransform,
    // Schemas with a meta id (ApiError, …) become components the operations refer to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installSecurity(app, ctx);
  auditDenials(app, ctx);

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(authRoutes(ctx));
  await app.register(referenceRoutes(ctx));
  await app.register(applicationRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(packageRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(accountRoutes(ctx));
  await app.register(batchAdminRoutes(ctx));
  await app.register(sessionRoutes(ctx));
  await app.register(signInRoutes(ctx));
  await app.register(notificationRoutes(ctx));
  await app.register(expertReviewRoutes(ctx));
  await app.register(publicityRoutes(ctx));
  await app.register(certificateRoutes(ctx));
  await app.register(annualReportRoutes(ctx));
  await serveWebApp(app, config);

  return Object.assign(app, { ctx }) as unknown as App;
}

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The headers of every answer: never framed (unless the answer allows its own origin), no referrer to
 * other sites; `no-store` on every API answer, since any may carry personal data (JSON, evidence,
 * generated documents), while the web app's hashed assets keep their caching; HSTS when the request
 * came over HTTPS (directly, or as a trusted proxy says with X-Forwarded-Proto); the web app's CSP on HTML.
 */
function answerHeaders(req: FastifyRequest, reply: FastifyReply): void {
  if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  if (req.url.startsWith('/api/v1/')) reply.header('cache-control', 'no-store');
  if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
    reply.header('content-security-policy', WEB_APP_CSP);
  }
}

/**
 * The Content-Security-Policy of the web app's pages: scripts, data and frames from this origin only
 * (the PDF preview frames this origin's PDFs), never framed itself. Styles allow 'unsafe-inline' because
 * Ant Design injects its CSS-in-JS at run time (so does Swagger UI at /api/docs, under the same policy);
 * no script runs inline. Checked in Chromium: neither logs a violation.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Answers compressed when the client accepts it (brotli before gzip): the web app's text and the API's JSON.
 * Nothing else, so files go out byte for byte with their Content-Length: evidence and generated documents
 * (PDF, images, OFD, Word, Excel, the 刻盘 zip) are compressed already, and `@fastify/compress` falls back
 * to mime-db's "compressible" only for types this does not match, which marks none of those.
 */
const COMPRESSIBLE = /^(?:text\/(?:html|css|javascript)|application\/(?:javascript|json))(?:;|$)/;

/** Vite names every file under /assets/ by its content hash: a new build never reuses a name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built React app, with client-side routes falling back to index.html. Text files go out as the
 * build precompressed them (`.br`, `.gz` beside each: vite.config.ts), by the request's Accept-Encoding;
 * hashed assets are cached for good, index.html is revalidated on every load (`no-cache`), so a new
 * build is picked up at once.
 */
async function serveWebApp(app: FastifyInstance, config: Config): Promise<void> {
  const built = fs.existsSync(path.join(config.webDistDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      // The precompressed copies are variants of their file, not files of their own.
      allowedPath: (pathname) => !/\.(?:br|gz)$/.test(pathname),
      setHeaders: (res, file) => {
        const asset = path.relative(config.webDistDir, file).startsWith(`assets${path.sep}`);
        res.setHeader('cache-control', asset ? IMMUTABLE : 'no-cache');
        res.setHeader('vary', 'accept-encoding');
      },
    });
  }
  // A missing asset is a 404, not the page: a tab still open on an earlier build asks for chunks that are gone
  // (main.tsx then reloads the page, which names the new ones).
  app.setNotFoundHandler((req, reply) => {
    const page = !req.url.startsWith('/api/') && !req.url.startsWith('/assets/');
    if (req.method === 'GET' && page && built) return reply.sendFile('index.html');
    return reply.status(404).send({ code: 'NOT_FOUND', message: '资源不存在' });
  });
}
