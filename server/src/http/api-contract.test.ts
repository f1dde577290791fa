import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoint } from '#contract';
import { createTestApp } from '../../test-support/harness.js';
import { handleError } from './errors.js';
import { serve } from './serve.js';

const app = await createTestApp();
afterAll(async () => app.close());

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: object }> };
}>();
const operations = Object.entries(spec.paths)
  .filter(([path]) => path.startsWith('/api/v1/'))
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the API contract', () => {
  it('documents every route of the route table in the OpenAPI document', () => {
    const documented = new Set(operations.map((o) => o.route));
    const missing = app.routeTable
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThan(70);
  });

  it('describes the success answer and the error answer of every route', () => {
    const lacking = operations.flatMap(({ route, op }) => {
      const responses = op.responses ?? {};
      const success = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
      const problems: string[] = [];
      if (!success) problems.push('no success answer');
      else if (success !== '204' && !responses[success]!.content) problems.push(`${success} without a body schema`);
      for (const code of ['4XX', '5XX']) {
        const schema = responses[code]?.content?.['application/json']?.schema as { $ref?: string } | undefined;
        if (schema?.$ref !== '#/components/schemas/ApiError') problems.push(`no ${code} error schema`);
      }
      return problems.map((p) => `${route}: ${p}`);
    });
    expect(lacking).toEqual([]);
    expect(Object.keys(spec.components.schemas.ApiError?.properties ?? {})).toEqual(
      expect.arrayContaining(['code', 'message', 'errors']),
    );
  });

  it('checks every answer against its schema: a field the contract does not name is dropped, a wrong shape is a 500', async () => {
    const probe = Fastify().withTypeProvider<ZodTypeProvider>();
    probe.setValidatorCompiler(validatorCompiler);
    probe.setSerializerCompiler(serializerCompiler);
    probe.setErrorHandler(handleError);
    const listed = endpoint({
      method: 'GET',
      path: '/api/v1/probe',
      response: z.object({ items: z.array(z.string()) }),
    });
    const wrong = endpoint({
      method: 'GET',
      path: '/api/v1/wrong',
      response: z.object({ items: z.array(z.string()) }),
    });
    serve(probe, listed, { policy: 'public', tags: [], summary: '' }, async () => ({ items: ['a'], secret: 'x' }));
    serve(probe, wrong, { policy: 'public', tags: [], summary: '' }, async () => ({ items: [1] }) as never);
    const dropped = await probe.inject({ method: 'GET', url: '/api/v1/probe' });
    expect(dropped.json()).toEqual({ items: ['a'] });
    const refused = await probe.inject({ method: 'GET', url: '/api/v1/wrong' });
    expect(refused.statusCode).toBe(500);
    expect(refused.json()).toMatchObject({ code: 'INTERNAL' });
    await probe.close();
  });
});
