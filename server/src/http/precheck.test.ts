import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleCodes } from '#contract';
import { createTestApp } from '../../test-support/harness.js';
import type { App } from './app.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.close());

const valid = {
  batchYear: 2022,
  platformName: '河南中小企业综合服务平台',
  operatorName: '河南某服务有限公司',
  uscc: '91310110666007217T',
  categories: ['信息服务', '技术服务'],
  registeredOn: '2020-11-22',
  totalAssetsWan: 200,
  serviceStaff: 15,
  institutions: 5,
  preferentialSharePercent: 20,
  enterprisesServedLastYear: 80,
};
const precheck = (body: unknown) => app.inject({ method: 'POST', url: '/api/v1/precheck', payload: body as object });

describe('POST /api/v1/precheck', () => {
  it('answers eligible for a unit at every bound', async () => {
    const res = await precheck(valid);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ eligible: true, failures: [] });
  });

  const failing: [string, Record<string, unknown>, string][] = [
    ['NAME_FORBIDDEN_WORD', { platformName: '河南中小企业示范服务平台' }, 'platformName'],
    ['CATEGORY_MISSING', { categories: [] }, 'categories'],
    ['REGISTRATION_TOO_RECENT', { registeredOn: '2020-11-23' }, 'registeredOn'],
    ['ASSETS_BELOW_MIN', { totalAssetsWan: 199.9 }, 'totalAssetsWan'],
    ['STAFF_BELOW_MIN', { serviceStaff: 14 }, 'serviceStaff'],
    ['INSTITUTIONS_BELOW_MIN', { institutions: 4 }, 'institutions'],
    ['PREFERENTIAL_SHARE_BELOW_MIN', { preferentialSharePercent: 19.99 }, 'preferentialSharePercent'],
    ['ENTERPRISES_SERVED_BELOW_MIN', { enterprisesServedLastYear: 79 }, 'enterprisesServedLastYear'],
    ['USCC_INVALID', { uscc: '91310110666007217A' }, 'uscc'],
  ];

  it('covers every rule code', () => {
    expect(failing.map(([code]) => code).sort()).toEqual([...ruleCodes].sort());
  });

  it.each(failing)('reports %s on its field with a Chinese message', async (code, patch, field) => {
    const res = await precheck({ ...valid, ...patch });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.eligible).toBe(false);
    expect(body.failures).toEqual([{ code, field, message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });

  it('reports all failures at once', async () => {
    const res = await precheck({ ...valid, ...Object.assign({}, ...failing.map(([, p]) => p)) });
    expect(res.json().failures.map((f: { code: string }) => f.code)).toEqual([...ruleCodes]);
  });

  const malformed: [string, Record<string, unknown>, string][] = [
    ['text where a number belongs', { serviceStaff: '十五' }, 'serviceStaff'],
    ['a negative count', { institutions: -1 }, 'institutions'],
    ['a fractional count', { enterprisesServedLastYear: 80.5 }, 'enterprisesServedLastYear'],
    ['negative assets', { totalAssetsWan: -0.01 }, 'totalAssetsWan'],
    ['a share over 100', { preferentialSharePercent: 100.01 }, 'preferentialSharePercent'],
    ['a negative share', { preferentialSharePercent: -1 }, 'preferentialSharePercent'],
    ['an impossible date', { registeredOn: '2021-02-29' }, 'registeredOn'],
    ['a badly formatted date', { registeredOn: '2020/11/22' }, 'registeredOn'],
    ['a future date', { registeredOn: '2999-01-01' }, 'registeredOn'],
    ['categories not a list', { categories: '信息服务' }, 'categories'],
    ['an unknown category', { categories: ['炒股服务'] }, 'categories'],
    ['a year that is not a number', { batchYear: '2022' }, 'batchYear'],
    ['an empty platform name', { platformName: '  ' }, 'platformName'],
  ];

  it.each(malformed)('answers 400 naming the field for %s', async (_what, patch, field) => {
    const res = await precheck({ ...valid, ...patch });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(Object.keys(valid))('answers 400 when %s is missing', async (field) => {
    const body: Record<string, unknown> = { ...valid };
    delete body[field];
    const res = await precheck(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message: expect.stringContaining('必填') }]);
  });

  it('names each offending field when several are wrong', async () => {
    const res = await precheck({
      ...valid,
      serviceStaff: -1,
      preferentialSharePercent: 120,
      registeredOn: 'yesterday',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['preferentialSharePercent', 'registeredOn', 'serviceStaff']);
  });

  it('answers 400 for a body that is not JSON, never 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/precheck',
      payload: '{"batchYear":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 for an unknown batch year', async () => {
    const res = await precheck({ ...valid, batchYear: 2019 });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('BATCH_NOT_FOUND');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/precheck'].post.requestBody.content['application/json'].schema.required).toContain(
      'registeredOn',
    );
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
