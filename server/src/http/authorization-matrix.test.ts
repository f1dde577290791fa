import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import type { Action } from '../policies/policy.js';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { fillCompletely, uploadEvidenceFile } from '../../test-support/applications.js';
import { institutionsWorkbook, makeUscc, rosterRows, rosterWorkbook, tinyPdf } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { multipart, TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/**
 * Every /api/v1 route × every kind of actor × own/other scope. The expectations below are written by hand
 * from the rules (domain §2, §6, §11), not derived from `can()`, so a change of the policy or of a route's
 * declared action shows up here. Cases are generated from the app's own route table: a new route that the
 * matrix does not classify fails.
 *
 * Data: A = ly-keji (洛阳) with a SUBMITTED application and evidence; B = ny-chuangye (南阳) with a DRAFT and a file.
 */

// The clock is pinned so no session goes idle during the run.
const clock = fixedClock('2026-11-24T02:00:00Z');
const app: App = await createTestApp({ clock });
afterAll(async () => app.close());

// ---------------------------------------------------------------------------------------------------------
// Actors and targets

const actors = ['anonymous', 'applicant:ly-keji', 'applicant:ny-chuangye', 'city:luoyang', 'city:nanyang', 'province'] as const;
type ActorName = (typeof actors)[number];
type Target = 'A' | 'B';

const usernameOf = (actor: ActorName): string | null => (actor === 'anonymous' ? null : actor.slice(actor.indexOf(':') + 1));

/** How each actor stands to A's submitted application and B's draft, for the case names. */
const scopeOf: Record<ActorName, Record<Target, string>> = {
  anonymous: { A: 'A, submitted', B: 'B, draft' },
  'applicant:ly-keji': { A: 'own, submitted', B: 'other unit, other city, draft' },
  'applicant:ny-chuangye': { A: 'other unit, other city, submitted', B: 'own, draft' },
  'city:luoyang': { A: 'own city, submitted', B: 'other city, draft' },
  'city:nanyang': { A: 'other city, submitted', B: 'own city, draft' },
  province: { A: 'submitted', B: 'draft' },
};

// ---------------------------------------------------------------------------------------------------------
// Expectations

type Outcome = 'allow' | 'deny';
type PerActor = Record<ActorName, Outcome>;
type PerTarget = Record<Target, PerActor>;
const allow = 'allow' as const;
const deny = 'deny' as const;

/** One row of the grid, in the column order of `actors`. */
const row = (...outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]): PerActor =>
  Object.fromEntries(actors.map((a, i) => [a, outcomes[i]])) as PerActor;

//                       anonymous ly-keji(A) ny-chuangye(B) luoyang nanyang province
const everyone     = row(allow,    allow,     allow,         allow,  allow,  allow);
const signedIn     = row(deny,     allow,     allow,         allow,  allow,  allow);
const applicants   = row(deny,     allow,     allow,         deny,   deny,   deny);
const officials    = row(deny,     deny,      deny,          allow,  allow,  allow);
const provinceOnly = row(deny,     deny,      deny,          deny,   deny,   allow);

/** Reading an application: the owner; officials only once submitted, the city only its own. */
const readScope: PerTarget = {
  //     anonymous ly-keji(A) ny-chuangye(B) luoyang nanyang province
  A: row(deny,     allow,     deny,          allow,  deny,   allow), // 洛阳, submitted
  B: row(deny,     deny,      allow,         deny,   deny,   deny), // 南阳, draft
};
/** Changing an application (edit, upload, import, delete, submit): the owning applicant only. */
const editScope: PerTarget = {
  //     anonymous ly-keji(A) ny-chuangye(B) luoyang nanyang province
  A: row(deny,     allow,     deny,          deny,   deny,   deny),
  B: row(deny,     deny,      allow,         deny,   deny,   deny),
};

/** A refusal that comes after authorization passed: the business answer, not a denial. */
interface Refusal {
  status: number;
  code: string;
  message?: string;
}
const NOT_EDITABLE: Refusal = { status: 409, code: 'NOT_EDITABLE' }; // A is submitted
const NOT_ELIGIBLE: Refusal = { status: 422, code: 'NOT_ELIGIBLE' }; // B is an incomplete draft
const NO_RECEIPT_YET: Refusal = { status: 404, code: 'NOT_FOUND', message: '该申报尚未提交，没有回执' }; // B is a draft

interface Ids {
  A: { id: string; fileId: string };
  B: { id: string; fileId: string };
}
interface Request {
  payload?: InjectOptions['payload'];
  headers?: Record<string, string>;
  query?: string;
  /** Overrides the target's evidence file. */
  fileId?: string;
}
interface RouteSpec {
  /** The action the route must declare. */
  policy: Action;
  expect: PerActor | PerTarget;
  refusals?: Refusal[];
  /** A plausible, valid request, so that the handler (and its resource check) runs. */
  request?: (target: Target | null) => Request | Promise<Request>;
  /** The request ends the session: send it from a fresh login of the same actor. */
  endsSession?: boolean;
}

const json = (body: unknown): Request => ({ payload: body as InjectOptions['payload'] });
const multipartFile = async (name: string, content: Buffer | Promise<Buffer>): Promise<Request> => multipart(name, await content);
let registrations = 0;

/** HEAD twins of GET routes are checked against their GET entry. */
const matrix: Record<string, RouteSpec> = {
  // accounts
  'GET /api/v1/session': { policy: 'public', expect: everyone },
  'POST /api/v1/auth/login': { policy: 'public', expect: everyone, request: () => json({ username: 'puyang', password: DEMO_PASSWORD }) },
  'POST /api/v1/auth/register': {
    policy: 'public',
    expect: everyone,
    request: () => {
      const n = ++registrations;
      return json({ username: `matrix${n}`, password: 'Passw0rd!', unitName: `矩阵测试单位${n}有限公司`, uscc: makeUscc(70_000 + n), regionCode: '410300', contactName: '张三', contactPhone: '13800001111' });
    },
  },
  'POST /api/v1/auth/logout': { policy: 'session:use', expect: signedIn, endsSession: true },
  'GET /api/v1/demo-accounts': { policy: 'public', expect: everyone },

  // reference data, self-test, templates
  'GET /api/v1/reference': { policy: 'public', expect: everyone },
  'GET /api/v1/batches': { policy: 'public', expect: everyone },
  'POST /api/v1/precheck': {
    policy: 'public',
    expect: everyone,
    request: () =>
      json({ batchYear: 2022, platformName: '河南中小企业综合服务平台', operatorName: '河南某服务有限公司', uscc: makeUscc(1), categories: ['信息服务'], registeredOn: '2020-01-01', totalAssetsWan: 200, serviceStaff: 15, institutions: 5, preferentialSharePercent: 20, enterprisesServedLastYear: 80 }),
  },
  'GET /api/v1/templates/roster.xlsx': { policy: 'public', expect: everyone },
  'GET /api/v1/templates/institutions.xlsx': { policy: 'public', expect: everyone },

  // lists
  'GET /api/v1/my/application': { policy: 'application:own', expect: applicants },
  'GET /api/v1/applications': { policy: 'application:list', expect: officials },
  'GET /api/v1/audit-log': { policy: 'audit:read', expect: provinceOnly },

  // one application
  'GET /api/v1/applications/:id': { policy: 'application:read', expect: readScope },
  'GET /api/v1/applications/:id/roster': { policy: 'application:read', expect: readScope },
  'GET /api/v1/applications/:id/receipt': { policy: 'application:read', expect: readScope, refusals: [NO_RECEIPT_YET] },
  'GET /api/v1/applications/:id/evidence/:fileId': { policy: 'evidence:download', expect: readScope },
  'PATCH /api/v1/applications/:id': { policy: 'application:edit', expect: editScope, refusals: [NOT_EDITABLE], request: () => json({ serviceStaff: 12 }) },
  'PUT /api/v1/applications/:id/institutions': { policy: 'application:edit', expect: editScope, refusals: [NOT_EDITABLE], request: () => json({ institutions: [] }) },
  'POST /api/v1/applications/:id/institutions/import': {
    policy: 'application:edit',
    expect: editScope,
    refusals: [NOT_EDITABLE],
    request: () => multipartFile('机构.xlsx', institutionsWorkbook([{ name: '机构乙', uscc: makeUscc(78) }])),
  },
  'POST /api/v1/applications/:id/roster': {
    policy: 'application:edit',
    expect: editScope,
    refusals: [NOT_EDITABLE],
    request: () => multipartFile('名单.xlsx', rosterWorkbook(rosterRows(3, 500))),
  },
  'POST /api/v1/applications/:id/evidence': {
    policy: 'application:edit',
    expect: editScope,
    refusals: [NOT_EDITABLE],
    request: async () => ({ ...(await multipartFile('营业执照.pdf', tinyPdf())), query: 'type=business_license' }),
  },
  'DELETE /api/v1/applications/:id/evidence/:fileId': {
    policy: 'application:edit',
    expect: editScope,
    refusals: [NOT_EDITABLE],
    // On B's draft each case deletes a file of its own, so an allowed delete leaves B's evidence file in place.
    request: async (target) => (target === 'B' ? { fileId: await freshFileOnB() } : {}),
  },
  'POST /api/v1/applications/:id/submit': { policy: 'application:edit', expect: editScope, refusals: [NOT_EDITABLE, NOT_ELIGIBLE] },
};

// ---------------------------------------------------------------------------------------------------------
// Sessions and data

interface Session {
  cookie: string;
  csrfToken: string;
}
const sessions = new Map<ActorName, Session>();
const ids = {} as Ids;
let aBefore: string;

/** Logins are limited to 30 a minute per IP: this file uses 16 (5 actors, 6 login cases, 5 logout cases). */
async function logIn(username: string): Promise<Session> {
  const c = await new TestClient(app).login(username);
  return { cookie: c.cookie!, csrfToken: c.csrfToken! };
}

function clientOf(session: Session): TestClient {
  const c = new TestClient(app);
  c.cookie = session.cookie;
  c.csrfToken = session.csrfToken;
  return c;
}

function session(actor: ActorName): Session {
  const s = sessions.get(actor);
  if (!s) throw new Error(`no session for ${actor}`);
  return s;
}

async function freshFileOnB(): Promise<string> {
  const res = await uploadEvidenceFile(clientOf(session('applicant:ny-chuangye')), ids.B.id, 'fee_policy', '收费标准.pdf', tinyPdf());
  if (res.statusCode !== 201) throw new Error(`upload to B failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Sends as the given session (cookie + CSRF token), or anonymously; never changes the stored sessions. */
function send(s: Session | null, method: string, url: string, req: Request = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...req.headers };
  if (s) {
    headers.cookie = s.cookie;
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = s.csrfToken;
  }
  return app.inject({ method: method as InjectOptions['method'], url: req.query ? `${url}?${req.query}` : url, payload: req.payload, headers });
}

const viewOf = async (actor: ActorName, id: string) => (await send(session(actor), 'GET', `/api/v1/applications/${id}`)).body;

beforeAll(async () => {
  for (const actor of actors) {
    const username = usernameOf(actor);
    if (username) sessions.set(actor, await logIn(username));
  }

  const a = clientOf(session('applicant:ly-keji'));
  const aId = (await a.get('/api/v1/my/application')).json<{ id: string }>().id;
  await fillCompletely(a, aId);
  const submitted = await a.post(`/api/v1/applications/${aId}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const aView = (await a.get(`/api/v1/applications/${aId}`)).json<{ status: string; evidence: { id: string; evidenceType: string }[] }>();
  expect(aView.status).toBe('submitted');
  ids.A = { id: aId, fileId: aView.evidence.find((e) => e.evidenceType === 'business_license')!.id };

  const b = clientOf(session('applicant:ny-chuangye'));
  const bView = (await b.get('/api/v1/my/application')).json<{ id: string; status: string; authorityCode: string }>();
  expect(bView).toMatchObject({ status: 'draft', authorityCode: '411300' });
  const bFile = await uploadEvidenceFile(b, bView.id, 'business_license', '营业执照.pdf', tinyPdf());
  expect(bFile.statusCode, bFile.body).toBe(201);
  ids.B = { id: bView.id, fileId: bFile.json<{ id: string }>().id };

  aBefore = await viewOf('applicant:ly-keji', ids.A.id);
});

// ---------------------------------------------------------------------------------------------------------
// The matrix

const specKey = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`;
const isPerTarget = (e: PerActor | PerTarget): e is PerTarget => 'A' in e;

interface Case {
  name: string;
  method: string;
  url: string;
  actor: ActorName;
  target: Target | null;
  spec: RouteSpec | undefined;
  expected: Outcome | undefined;
}

const cases: Case[] = app.routeTable.flatMap(({ method, url }) => {
  const spec = matrix[specKey(method, url)];
  const targets: (Target | null)[] = url.includes(':id') ? ['A', 'B'] : [null];
  return actors.flatMap((actor) =>
    targets.map((target) => {
      const expected = spec && (isPerTarget(spec.expect) ? (target ? spec.expect[target][actor] : undefined) : spec.expect[actor]);
      const scope = target ? ` (${scopeOf[actor][target]})` : '';
      return { name: `${actor} ${method} ${url}${scope} → ${expected ?? 'UNCLASSIFIED'}`, method, url, actor, target, spec, expected };
    }),
  );
});

function isRefusal(res: LightMyRequestResponse, refusals: Refusal[], method: string): boolean {
  return refusals.some((r) => {
    if (res.statusCode !== r.status) return false;
    if (method === 'HEAD') return true; // no body to tell the code by
    const body = res.json<{ code?: string; message?: string }>();
    return body.code === r.code && (r.message === undefined || body.message === r.message);
  });
}

describe('authorization matrix: every route × actor × scope', () => {
  it('classifies every registered /api/v1 route, with the policy it declares, and nothing else', () => {
    const registered = new Set(app.routeTable.map((r) => `${r.method} ${r.url}`));
    const unclassified = app.routeTable.filter((r) => !matrix[specKey(r.method, r.url)]).map((r) => `${r.method} ${r.url}`);
    expect(unclassified, 'routes missing from the authorization matrix').toEqual([]);
    const drift = app.routeTable.filter((r) => matrix[specKey(r.method, r.url)]!.policy !== r.policy).map((r) => `${r.method} ${r.url} declares ${r.policy}`);
    expect(drift, 'routes whose declared policy differs from the matrix').toEqual([]);
    const stale = Object.keys(matrix).filter((k) => !registered.has(k));
    expect(stale, 'matrix entries with no such route').toEqual([]);
    const headless = Object.keys(matrix).filter((k) => k.startsWith('GET ') && !registered.has(k.replace(/^GET /, 'HEAD ')));
    expect(headless, 'GET routes without their HEAD twin').toEqual([]);
  });

  it('knows every /api route the router serves: /api/v1 through the table, the rest is public infrastructure', () => {
    const inTable = new Set(app.routeTable.map((r) => `${r.method} ${r.url}`));
    const served = routerRoutes(app).filter((r) => r.url.startsWith('/api'));
    expect(served.length).toBeGreaterThan(inTable.size);
    const outside = served.filter((r) => (r.url.startsWith('/api/v1') ? !inTable.has(`${r.method} ${r.url}`) : !publicInfrastructure.some((p) => p.test(r.url))));
    expect(outside, '/api routes that bypass the route table').toEqual([]);
    const servedKeys = new Set(served.map((r) => `${r.method} ${r.url}`));
    expect([...inTable].filter((k) => !servedKeys.has(k)), 'table routes the router does not serve').toEqual([]);
  });

  for (const { name, method, url, actor, target, spec, expected } of cases) it(name, async () => {
    if (!spec || !expected) expect.fail(`${method} ${url} is not classified in the authorization matrix (add it with its expected outcome)`);
    const username = usernameOf(actor);
    const as = username ? (spec.endsSession ? await logIn(username) : session(actor)) : null;
    const req = (await spec.request?.(target)) ?? {};
    const path = target ? url.replace(':id', ids[target].id).replace(':fileId', req.fileId ?? ids[target].fileId) : url;
    const res = await send(as, method, path, req);
    const seen = `${res.statusCode} ${res.body.slice(0, 200)}`;

    if (expected === 'deny') {
      if (!as) {
        expect(res.statusCode, seen).toBe(401);
        if (method !== 'HEAD') expect(res.json().code, seen).toBe('UNAUTHENTICATED');
      } else {
        expect([403, 404], seen).toContain(res.statusCode);
        if (method !== 'HEAD') expect(['FORBIDDEN', 'NOT_FOUND'], seen).toContain(res.json().code);
      }
    } else {
      const ok = (res.statusCode >= 200 && res.statusCode < 300) || isRefusal(res, spec.refusals ?? [], method);
      expect(ok, `expected an allow (2xx or ${JSON.stringify(spec.refusals ?? [])}), got ${seen}`).toBe(true);
    }
  });

  it('left A untouched and B’s evidence file in place', async () => {
    expect(await viewOf('applicant:ly-keji', ids.A.id)).toBe(aBefore);
    const file = await send(session('applicant:ny-chuangye'), 'GET', `/api/v1/applications/${ids.B.id}/evidence/${ids.B.fileId}`);
    expect(file.statusCode).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Scope inside allowed answers

describe('what an allowed answer contains', () => {
  type ListItem = { id: string; authorityCode: string; status: string; contactPhone: string };
  const list = async (actor: ActorName) => (await send(session(actor), 'GET', '/api/v1/applications')).json<{ items: ListItem[] }>().items;

  it('lists only the city’s own submitted applications, and never a draft, to a city official', async () => {
    const luoyang = await list('city:luoyang');
    expect(luoyang.map((i) => i.id)).toContain(ids.A.id);
    expect(luoyang.every((i) => i.authorityCode === '410300' && i.status !== 'draft')).toBe(true);
    const nanyang = await list('city:nanyang');
    expect(nanyang.map((i) => i.id)).not.toContain(ids.A.id); // other city
    expect(nanyang.map((i) => i.id)).not.toContain(ids.B.id); // own city, but a draft
  });

  it('lists every submitted application but no draft to the province', async () => {
    const province = await list('province');
    expect(province.map((i) => i.id)).toContain(ids.A.id);
    expect(province.map((i) => i.id)).not.toContain(ids.B.id);
    expect(province.every((i) => i.status !== 'draft')).toBe(true);
  });

  it('masks phones in the application list', async () => {
    for (const actor of ['city:luoyang', 'province'] as const) {
      const res = await send(session(actor), 'GET', '/api/v1/applications');
      const a = res.json<{ items: ListItem[] }>().items.find((i) => i.id === ids.A.id)!;
      expect(a.contactPhone).toBe('138****0000'); // the seeded unit contact 13803710000
      expect(res.body).not.toContain('13803710000');
      for (const item of res.json<{ items: ListItem[] }>().items) expect(item.contactPhone).toMatch(/^(1\d{2}|[\d-]+-)\*{4}\d{4}$|^\*{4}$/);
    }
  });

  it('audits each official opening of a record that shows personal data in full, but not the owner’s', async () => {
    const before = new Set((await app.ctx.audit.list(1000, 'personal_data.disclose')).map((e) => e.id));
    expect((await send(session('city:luoyang'), 'GET', `/api/v1/applications/${ids.A.id}`)).statusCode).toBe(200);
    expect((await send(session('applicant:ly-keji'), 'GET', `/api/v1/applications/${ids.A.id}`)).statusCode).toBe(200);
    const after = await app.ctx.audit.list(1000, 'personal_data.disclose');
    expect(after.filter((e) => !before.has(e.id))).toEqual([expect.objectContaining({ actor_name: 'luoyang', target_id: ids.A.id })]);
  });

  it('masks phones in the roster list, for the owner, the city and the province', async () => {
    const phones = rosterRows(80).map((r) => r.phone);
    for (const actor of ['applicant:ly-keji', 'city:luoyang', 'province'] as const) {
      const res = await send(session(actor), 'GET', `/api/v1/applications/${ids.A.id}/roster`);
      expect(res.statusCode).toBe(200);
      const rows = res.json<{ count: number; rows: { phone: string }[] }>().rows;
      expect(rows).toHaveLength(80);
      expect(rows.map((r) => r.phone)).toEqual(phones.map((p) => `${p.slice(0, 3)}****${p.slice(-4)}`));
      for (const p of phones) expect(res.body).not.toContain(p);
    }
  });

  it('never reaches a file of another application through an application the actor may use', async () => {
    const crossDownload = await send(session('city:luoyang'), 'GET', `/api/v1/applications/${ids.A.id}/evidence/${ids.B.fileId}`);
    expect(crossDownload.statusCode).toBe(404);
    const crossDelete = await send(session('applicant:ny-chuangye'), 'DELETE', `/api/v1/applications/${ids.B.id}/evidence/${ids.A.fileId}`);
    expect(crossDelete.statusCode).toBe(404);
    const crossAgreement = await send(session('applicant:ny-chuangye'), 'PUT', `/api/v1/applications/${ids.B.id}/institutions`, json({ institutions: [{ name: '机构丙', uscc: makeUscc(79), agreementFileId: ids.A.fileId }] }));
    expect(crossAgreement.statusCode).toBe(400);
    expect(crossAgreement.json().errors).toEqual([expect.objectContaining({ field: 'institutions.0.agreementFileId' })]);
    expect(await viewOf('applicant:ly-keji', ids.A.id)).toBe(aBefore);
  });
});

// ---------------------------------------------------------------------------------------------------------
// CSRF and origin

describe('cross-site request protection', () => {
  const stateChanging = () => app.routeTable.filter((r) => !['GET', 'HEAD'].includes(r.method));
  /** Each state-changing route with the plausible request the matrix sends to B's draft as its owner. */
  const requestsOnB = async () => {
    const requests: { method: string; url: string; req: Request }[] = [];
    for (const { method, url } of stateChanging()) {
      const req = (await matrix[specKey(method, url)]?.request?.('B')) ?? {};
      requests.push({ method, url: url.replace(':id', ids.B.id).replace(':fileId', req.fileId ?? ids.B.fileId), req });
    }
    return requests;
  };

  it('covers every state-changing route', () => {
    expect(stateChanging().map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['POST /api/v1/auth/logout', 'PATCH /api/v1/applications/:id', 'DELETE /api/v1/applications/:id/evidence/:fileId']));
  });

  it('refuses every logged-in state change without the x-csrf-token header, or with a wrong one', async () => {
    const requests = await requestsOnB();
    const bBefore = await viewOf('applicant:ny-chuangye', ids.B.id);
    const s = session('applicant:ny-chuangye');
    for (const { method, url, req } of requests) {
      for (const token of [undefined, 'not-the-token']) {
        const headers: Record<string, string> = { ...req.headers, cookie: s.cookie, ...(token ? { 'x-csrf-token': token } : {}) };
        const res = await app.inject({ method: method as InjectOptions['method'], url: req.query ? `${url}?${req.query}` : url, payload: req.payload, headers });
        expect(res.statusCode, `${method} ${url} token=${token}`).toBe(403);
        expect(res.json().code).toBe('CSRF_REJECTED');
      }
    }
    expect(await viewOf('applicant:ny-chuangye', ids.B.id)).toBe(bBefore);
    const still = await send(s, 'GET', '/api/v1/session');
    expect(still.json().user).toMatchObject({ username: 'ny-chuangye' }); // the refused logout did not log out
  });

  it('refuses every state change from a foreign Origin, even with the right token, and anonymous ones too', async () => {
    const requests = await requestsOnB();
    const bBefore = await viewOf('applicant:ny-chuangye', ids.B.id);
    for (const { method, url, req } of requests) {
      for (const as of [session('applicant:ny-chuangye'), null]) {
        const res = await send(as, method, url, { ...req, headers: { ...req.headers, origin: 'https://evil.example' } });
        expect(res.statusCode, `${method} ${url} ${as ? 'logged in' : 'anonymous'}`).toBe(403);
        expect(res.json().code).toBe('CSRF_REJECTED');
      }
    }
    expect(await viewOf('applicant:ny-chuangye', ids.B.id)).toBe(bBefore);
  });

  it('accepts a same-origin state change with the token', async () => {
    const res = await send(session('applicant:ny-chuangye'), 'PATCH', `/api/v1/applications/${ids.B.id}`, {
      ...json({ serviceStaff: 13 }),
      headers: { host: 'shenbao.example.cn', origin: 'https://shenbao.example.cn' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Idle sessions

describe('idle sessions', () => {
  it('ends a session after 30 idle minutes: 401 SESSION_EXPIRED, for reads and for writes', async () => {
    const idle = fixedClock('2026-11-24T02:00:00Z');
    const other = await createTestApp({ clock: idle });
    try {
      const reader = await new TestClient(other).login('ly-keji');
      const writer = await new TestClient(other).login('ny-chuangye');
      const draft = (await writer.get('/api/v1/my/application')).json<{ id: string }>().id;
      const at = (minutes: number) => idle.set(new Date(Date.parse('2026-11-24T02:00:00Z') + minutes * 60_000));

      at(29);
      expect((await reader.get('/api/v1/my/application')).statusCode).toBe(200);
      expect((await writer.patch(`/api/v1/applications/${draft}`, { serviceStaff: 10 })).statusCode).toBe(200);
      at(58); // 29 idle minutes again: activity keeps a session alive
      expect((await reader.get('/api/v1/my/application')).statusCode).toBe(200);
      expect((await writer.get('/api/v1/my/application')).statusCode).toBe(200);

      at(58 + 31);
      const cookie = reader.cookie!;
      const expired = await reader.get('/api/v1/my/application');
      expect(expired.statusCode).toBe(401);
      expect(expired.json().code).toBe('SESSION_EXPIRED');
      expect(expired.cookies.find((c) => c.name === 'sb_session')?.value).toBe(''); // cleared
      const write = await writer.patch(`/api/v1/applications/${draft}`, { serviceStaff: 11 });
      expect(write.statusCode).toBe(401);
      expect(write.json().code).toBe('SESSION_EXPIRED');

      const replay = await other.inject({ method: 'GET', url: '/api/v1/my/application', headers: { cookie } });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().code).toBe('UNAUTHENTICATED'); // the session is gone, not revived
    } finally {
      await other.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// The router's own view, to catch routes registered around the table

/** /api routes outside /api/v1: no session, no personal data, by design. */
const publicInfrastructure = [/^\/api\/health$/, /^\/api\/openapi\.json$/, /^\/api\/docs(\/.*)?$/];

/** Every (method, url) in `printRoutes({ commonPrefix: false })`, rebuilt from its tree. */
function routerRoutes(server: App): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const path: string[] = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    path.length = m[1]!.length / 4;
    path.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url: path.join('') });
  }
  return routes;
}
