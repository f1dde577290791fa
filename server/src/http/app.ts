import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import { migrateToLatest, openSqlite, type Db } from '../db/database.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { startMaintenance } from '../jobs/maintenance.js';
import { seedIfEmpty } from '../seed/seed.js';
import { createContext, type Context } from '../use-cases/context.js';
import type { PasswordHasher } from '../use-cases/password-hasher.js';
import { handleError } from './errors.js';
import { applicationRoutes } from './routes/application-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { packageRoutes } from './routes/package-routes.js';
import { referenceRoutes } from './routes/reference-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
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
  const db = options.db ?? openSqlite(config.databaseFile);
  await migrateToLatest(db);
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  const ctx = createContext(config, db, options.clock ?? systemClock, options.passwords, (fileId, err) =>
    app.log.error({ err, fileId }, 'digest of a stored file failed'),
  );
  await seedIfEmpty(ctx);
  ctx.digester.start();
  await ctx.digests.resumePending();
  const maintenance = startMaintenance(ctx, app.log);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onClose', async () => {
    await maintenance.stop();
    await ctx.digests.idle();
    await ctx.digester.close();
    await db.destroy();
  });
  app.addHook('onSend', async (_req, reply) => {
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', WEB_APP_CSP);
    }
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 20, parts: 25 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: '河南省中小企业公共服务示范平台申报系统 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sb_session' } } },
    },
    transform: jsonSchemaTransform,
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
  await serveWebApp(app, config);

  return Object.assign(app, { ctx }) as unknown as App;
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

/** The built React app, with client-side routes falling back to index.html. */
async function serveWebApp(app: FastifyInstance, config: Config): Promise<void> {
  const index = path.join(config.webDistDir, 'index.html');
  const built = fs.existsSync(index);
  if (built) await app.register(fastifyStatic, { root: config.webDistDir, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && built) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(index));
    }
    return reply.status(404).send({ code: 'NOT_FOUND', message: '资源不存在' });
  });
}
