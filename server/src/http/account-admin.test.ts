import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAuditFailing } from '../../test-support/audit-failing.js';
import {
  passwordProblem,
  type AccountView,
  type ApplicantAccountView,
  type OneTimePasswordView,
  type Role,
} from '#contract';
import { fixedClock } from '../domain/clock.js';
import type { Action } from '../policies/policy.js';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let admin: TestClient;
let created = 0;

beforeAll(async () => {
  // Many logins and password changes from one address: the per-minute limits are tested elsewhere.
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 10_000 } });
  admin = await new TestClient(app).login('sysadmin');
});
afterAll(async () => app.close());

const login = (username: string, password = DEMO_PASSWORD) =>
  new TestClient(app).post('/api/v1/auth/login', { username, password });

async function createAccount(patch: Record<string, unknown> = {}): Promise<OneTimePasswordView> {
  const n = ++created;
  const res = await admin.post('/api/v1/admin/accounts', {
    username: `official${n}`,
    displayName: `洛阳市工信局科员${n}`,
    role: 'city',
    authorityCode: '410300',
    ...patch,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<OneTimePasswordView>();
}

/** Logs in with a one-time password and changes it: the account's owner ready to work. */
async function ownerOf(account: OneTimePasswordView, password: string): Promise<TestClient> {
  const owner = await new TestClient(app).login(account.account.username, account.oneTimePassword);
  const changed = await owner.post('/api/v1/account/password', {
    oldPassword: account.oneTimePassword,
    newPassword: password,
  });
  expect(changed.statusCode, changed.body).toBe(204);
  return owner;
}

async function accountsList(): Promise<AccountView[]> {
  const res = await admin.get('/api/v1/admin/accounts');
  expect(res.statusCode).toBe(200);
  return res.json<{ items: AccountView[] }>().items;
}

const auditOf = async (action: string) =>
  (await app.ctx.audit.list(1000, action)).map((e) => ({
    ...e,
    detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
  }));
const unitOf = async (username: string) => (await app.ctx.users.findByUsername(username))!.unit_id!;

describe('the system administrator creates an account with a one-time password', () => {
  it('answers the password once (no-store), stores it hashed and audits the creation', async () => {
    const res = await admin.post('/api/v1/admin/accounts', {
      username: 'ly-kezhang',
      displayName: '洛阳市工信局 张科长',
      role: 'city',
      authorityCode: '410300',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { account, oneTimePassword } = res.json<OneTimePasswordView>();
    expect(account).toMatchObject({ username: 'ly-kezhang', displayName: '洛阳市工信局 张科长' });
    expect(passwordProblem(oneTimePassword)).toBeNull();
    const row = (await app.ctx.users.findById(account.id))!;
    expect(row).toMatchObject({ role: 'city', authority_code: '410300', must_change_password: 1, disabled_at: null });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(oneTimePassword);
    const [entry] = await auditOf('account.create');
    expect(entry).toMatchObject({
      actor_name: 'sysadmin',
      target_id: account.id,
      detail: { username: 'ly-kezhang', role: 'city', authorityCode: '410300' },
    });
    expect(JSON.stringify(entry)).not.toContain(oneTimePassword);

    const listed = (await accountsList()).find((a) => a.id === account.id);
    expect(listed).toMatchObject({
      role: 'city',
      authorityCode: '410300',
      authorityName: '洛阳市',
      state: 'active',
      mustChangePassword: true,
      lastLoginAt: null,
    });
  });

  it('gives province staff the province and administrators no authority', async () => {
    for (const role of ['province', 'sysadmin', 'secadmin', 'auditadmin'] as const) {
      const { account } = await createAccount({ role, authorityCode: undefined, displayName: `新${role}` });
      expect((await app.ctx.users.findById(account.id))!).toMatchObject({
        role,
        authority_code: role === 'province' ? '410000' : null,
        must_change_password: 1,
      });
    }
  });

  it.each([
    ['authorityCode', { authorityCode: undefined }],
    ['authorityCode', { authorityCode: '410000' }],
    ['authorityCode', { authorityCode: '999999' }],
    ['authorityCode', { role: 'sysadmin', authorityCode: '410300' }],
    ['role', { role: 'applicant' }],
    ['role', { role: 'root' }],
    ['username', { username: '张三' }],
    ['displayName', { displayName: ' ' }],
  ])('names %s when it is invalid', async (field, patch) => {
    const res = await admin.post('/api/v1/admin/accounts', {
      username: 'invalid-one',
      displayName: '某人',
      role: 'city',
      authorityCode: '410300',
      ...patch,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await app.ctx.users.findByUsername('invalid-one')).toBeUndefined();
  });

  it('refuses a user name that is taken, an applicant’s included', async () => {
    for (const username of ['luoyang', 'ly-keji']) {
      const res = await admin.post('/api/v1/admin/accounts', { username, displayName: '重名', role: 'province' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'USERNAME_TAKEN', errors: [{ field: 'username' }] });
    }
  });
});

describe('the one-time password', () => {
  let account: OneTimePasswordView;
  let owner: TestClient;
  beforeAll(async () => {
    account = await createAccount();
  });

  it('signs in, but opens nothing except the session, the change of password and logout', async () => {
    owner = await new TestClient(app).login(account.account.username, account.oneTimePassword);
    expect((await owner.get('/api/v1/session')).json().user).toMatchObject({
      role: 'city',
      authorityCode: '410300',
      mustChangePassword: true,
    });
    expect((await owner.get('/api/v1/reference')).statusCode).toBe(200); // public anyway
    for (const [method, url] of [
      ['GET', '/api/v1/applications'],
      ['GET', '/api/v1/city/package'],
      ['POST', '/api/v1/city/package/submit'],
      ['GET', `/api/v1/applicant-accounts/${await unitOf('ly-keji')}`],
    ] as const) {
      const res = await owner.request({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: '当前密码为一次性密码，请先修改密码再使用系统',
      });
    }
    const denied = (await auditOf('access.denied')).find((e) => e.actor_name === account.account.username);
    expect(denied?.detail).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
  });

  it('must be changed to a password that meets the policy, with the current password given', async () => {
    const weak = await owner.post('/api/v1/account/password', {
      oldPassword: account.oneTimePassword,
      newPassword: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { field: 'newPassword', message: '新密码：密码须包含大写字母、小写字母、数字、符号中的至少三类' },
    ]);
    const same = await owner.post('/api/v1/account/password', {
      oldPassword: account.oneTimePassword,
      newPassword: account.oneTimePassword,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors).toEqual([{ field: 'newPassword', message: '新密码不能与最近5次使用过的密码相同' }]);
    const wrong = await owner.post('/api/v1/account/password', {
      oldPassword: 'Not-the-one1',
      newPassword: 'Luoyang#2026a',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'oldPassword', message: '当前密码不正确' }]);
    expect((await auditOf('account.password_change_refused'))[0]).toMatchObject({
      actor_name: account.account.username,
      detail: { reason: 'wrong_password' },
    });
    expect((await owner.get('/api/v1/applications')).statusCode).toBe(403);
  });

  it('once changed, opens the official’s work, keeps this session and works no more', async () => {
    const other = await new TestClient(app).login(account.account.username, account.oneTimePassword);
    const res = await owner.post('/api/v1/account/password', {
      oldPassword: account.oneTimePassword,
      newPassword: 'Luoyang#2026a',
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await owner.get('/api/v1/session')).json().user.mustChangePassword).toBe(false);
    expect((await owner.get('/api/v1/applications')).statusCode).toBe(200);
    expect((await other.get('/api/v1/session')).json().user).toBeNull(); // the other session ended
    expect((await login(account.account.username, account.oneTimePassword)).statusCode).toBe(401);
    expect((await login(account.account.username, 'Luoyang#2026a')).statusCode).toBe(200);
    expect((await auditOf('account.password_change'))[0]).toMatchObject({
      actor_name: account.account.username,
      detail: { oneTimePasswordSpent: true, otherSessionsEnded: 1 },
    });
  });

  it('refuses any of the last five passwords, and takes back the sixth', async () => {
    const passwords = ['Luoyang#2026b', 'Luoyang#2026c', 'Luoyang#2026d', 'Luoyang#2026e', 'Luoyang#2026f'];
    let current = 'Luoyang#2026a';
    for (const next of passwords) {
      expect(
        (await owner.post('/api/v1/account/password', { oldPassword: current, newPassword: next })).statusCode,
      ).toBe(204);
      current = next;
    }
    // last five: b c d e f (a and the one-time password are older)
    for (const reused of ['Luoyang#2026b', 'Luoyang#2026d', 'Luoyang#2026f']) {
      const res = await owner.post('/api/v1/account/password', { oldPassword: current, newPassword: reused });
      expect(res.statusCode, reused).toBe(400);
      expect(res.json().errors[0].field).toBe('newPassword');
    }
    expect(
      (await owner.post('/api/v1/account/password', { oldPassword: current, newPassword: 'Luoyang#2026a' })).statusCode,
    ).toBe(204);
    // now the last five are a f e d c
    expect(
      (await owner.post('/api/v1/account/password', { oldPassword: 'Luoyang#2026a', newPassword: 'Luoyang#2026c' }))
        .statusCode,
    ).toBe(400);
    const history = await app.ctx.db
      .selectFrom('password_history')
      .select('seq')
      .where('user_id', '=', account.account.id)
      .execute();
    expect(history).toHaveLength(4);
  });
});

describe('disable, enable and reset', () => {
  it('disabling ends every session and refuses the login (after the password, so nobody learns it by guessing)', async () => {
    const account = await createAccount();
    const owner = await ownerOf(account, 'Disable#2026a');
    const second = await new TestClient(app).login(account.account.username, 'Disable#2026a');
    const res = await admin.post(`/api/v1/admin/accounts/${account.account.id}/disable`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AccountView>()).toMatchObject({ state: 'disabled' });
    for (const c of [owner, second]) expect((await c.get('/api/v1/applications')).statusCode).toBe(401);
    const refused = await login(account.account.username, 'Disable#2026a');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED', message: '账号已停用，请联系系统管理员' });
    expect((await login(account.account.username, 'Wrong#2026a')).json().code).toBe('INVALID_CREDENTIALS');
    expect((await admin.post(`/api/v1/admin/accounts/${account.account.id}/disable`)).statusCode).toBe(409);
    expect((await accountsList()).find((a) => a.id === account.account.id)?.state).toBe('disabled');
    expect((await auditOf('account.disable'))[0]).toMatchObject({
      actor_name: 'sysadmin',
      target_id: account.account.id,
      detail: { sessionsEnded: 2 },
    });

    const enabled = await admin.post(`/api/v1/admin/accounts/${account.account.id}/enable`);
    expect(enabled.json<AccountView>()).toMatchObject({ state: 'active' });
    expect((await login(account.account.username, 'Disable#2026a')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/admin/accounts/${account.account.id}/enable`)).statusCode).toBe(409);
    expect((await auditOf('account.enable'))[0]).toMatchObject({ target_id: account.account.id });
  });

  it('resetting gives a new one-time password, ends every session and retires the old password', async () => {
    const account = await createAccount();
    const owner = await ownerOf(account, 'Reset#2026a');
    const res = await admin.post(`/api/v1/admin/accounts/${account.account.id}/reset-password`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const reset = res.json<OneTimePasswordView>();
    expect(reset.oneTimePassword).not.toBe(account.oneTimePassword);
    expect((await owner.get('/api/v1/session')).json().user).toBeNull();
    expect((await login(account.account.username, 'Reset#2026a')).statusCode).toBe(401);
    const again = await new TestClient(app).login(account.account.username, reset.oneTimePassword);
    expect((await again.get('/api/v1/session')).json().user.mustChangePassword).toBe(true);
    expect((await again.get('/api/v1/applications')).statusCode).toBe(403);
    // the password it had before the reset stays among the last five
    const back = await again.post('/api/v1/account/password', {
      oldPassword: reset.oneTimePassword,
      newPassword: 'Reset#2026a',
    });
    expect(back.json().errors[0].field).toBe('newPassword');
    expect((await auditOf('account.reset_password'))[0]).toMatchObject({
      actor_name: 'sysadmin',
      target_id: account.account.id,
      detail: { sessionsEnded: 1 },
    });
  });

  it('never acts on the administrator’s own account, nor on an applicant’s, and says so', async () => {
    const self = (await app.ctx.users.findByUsername('sysadmin'))!.id;
    for (const action of ['disable', 'enable', 'reset-password']) {
      const res = await admin.post(`/api/v1/admin/accounts/${self}/${action}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('不能停用、启用或重置自己的账号');
    }
    const applicant = (await app.ctx.users.findByUsername('ly-keji'))!.id;
    const res = await admin.post(`/api/v1/admin/accounts/${applicant}/reset-password`);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('申报单位的账号由其所在市的主管部门管理');
    expect((await admin.post('/api/v1/admin/accounts/00000000-0000-4000-8000-000000000000/disable')).statusCode).toBe(
      404,
    );
    expect((await admin.get('/api/v1/session')).json().user).toMatchObject({ role: 'sysadmin' });
    expect((await app.ctx.users.findById(self))!).toMatchObject({ disabled_at: null, role: 'sysadmin' });
  });

  it('lists officials and administrators with role, authority, state and last login, applicants not at all', async () => {
    const items = await accountsList();
    expect(items.some((a) => a.role === 'applicant')).toBe(false);
    expect(items.find((a) => a.username === 'luoyang')).toMatchObject({
      role: 'city',
      authorityName: '洛阳市',
      state: 'active',
    });
    expect(items.find((a) => a.username === 'province')).toMatchObject({ role: 'province', authorityCode: '410000' });
    expect(items.find((a) => a.username === 'secadmin')).toMatchObject({
      role: 'secadmin',
      authorityCode: null,
      authorityName: null,
    });
    const order: Role[] = ['sysadmin', 'secadmin', 'auditadmin', 'province', 'city'];
    const ranks = items.map((a) => order.indexOf(a.role));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it('shows an account locked after failed logins as 已锁定', async () => {
    const account = await createAccount();
    const lockedUntil = new Date(clock.now().getTime() + 60_000).toISOString();
    await app.ctx.db
      .insertInto('login_failures')
      .values({
        user_id: account.account.id,
        client_key: '198.51.100.7',
        failures: 5,
        locked_until: lockedUntil,
        updated_at: clock.now().toISOString(),
      })
      .execute();
    expect((await accountsList()).find((a) => a.id === account.account.id)?.state).toBe('locked');
  });
});

describe('second factor per authority', () => {
  it('lists the 18 cities and 航空港区 and sets one, audited', async () => {
    const before = (await admin.get('/api/v1/admin/authorities')).json<{
      items: { code: string; requireTotp: boolean }[];
    }>().items;
    expect(before).toHaveLength(19);
    expect(before.at(-1)).toMatchObject({ code: '410100-HKQ', requireTotp: false });
    expect(before.find((a) => a.code === '411300')).toMatchObject({ requireTotp: false });
    const res = await admin.put('/api/v1/admin/authorities/411300/require-totp', { requireTotp: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code: '411300', name: '南阳市', kind: 'city', requireTotp: true });
    expect((await app.ctx.references.findAuthority('411300'))!.require_totp).toBe(1);
    expect((await auditOf('authority.require_totp'))[0]).toMatchObject({
      actor_name: 'sysadmin',
      target_id: '411300',
      detail: { requireTotp: true, before: false },
    });
    expect(
      (await admin.put('/api/v1/admin/authorities/411300/require-totp', { requireTotp: false })).json().requireTotp,
    ).toBe(false);
    expect((await admin.put('/api/v1/admin/authorities/410000/require-totp', { requireTotp: false })).statusCode).toBe(
      404,
    );
    expect((await admin.put('/api/v1/admin/authorities/411300/require-totp', { requireTotp: 'yes' })).statusCode).toBe(
      400,
    );
  });
});

describe('applicant accounts: reset and transfer by their city', () => {
  it('lets 洛阳 see and reset its applicant’s password after checking who asks; the old sessions end', async () => {
    const unitId = await unitOf('ly-keji');
    const applicant = await new TestClient(app).login('ly-keji');
    const city = await new TestClient(app).login('luoyang');
    const view = (await city.get(`/api/v1/applicant-accounts/${unitId}`)).json<ApplicantAccountView>();
    expect(view).toMatchObject({
      username: 'ly-keji',
      unitName: '洛阳智汇企业服务有限公司',
      contactName: '王经理',
      contactPhone: '138****0000',
      state: 'active',
    });

    const missing = await city.post(`/api/v1/applicant-accounts/${unitId}/reset-password`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['verifiedBy']);

    const res = await city.post(`/api/v1/applicant-accounts/${unitId}/reset-password`, {
      verifiedBy: '回拨注册联系电话，核对统一社会信用代码',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const reset = res.json<OneTimePasswordView>();
    expect(reset.account.username).toBe('ly-keji');
    expect((await applicant.get('/api/v1/my/application')).statusCode).toBe(401);
    expect((await login('ly-keji')).statusCode).toBe(401);
    const fresh = await new TestClient(app).login('ly-keji', reset.oneTimePassword);
    expect((await fresh.get('/api/v1/my/application')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (
        await fresh.post('/api/v1/account/password', {
          oldPassword: reset.oneTimePassword,
          newPassword: 'Keji#2026new',
        })
      ).statusCode,
    ).toBe(204);
    expect((await fresh.get('/api/v1/my/application')).statusCode).toBe(200);
    expect((await auditOf('applicant_account.reset_password'))[0]).toMatchObject({
      actor_name: 'luoyang',
      target_id: (await app.ctx.users.findByUsername('ly-keji'))!.id,
      detail: { unitId, verifiedBy: '回拨注册联系电话，核对统一社会信用代码', sessionsEnded: 1 },
    });
  });

  it('keeps each city to the units its regions route to (航空港区 → 郑州); the province reaches all', async () => {
    const hkq = await unitOf('hkq-fuwu');
    const body = { verifiedBy: '单位盖章的申请函' };
    const as = async (username: string) =>
      (await new TestClient(app).login(username)).post(`/api/v1/applicant-accounts/${hkq}/reset-password`, body);
    for (const city of ['luoyang', 'nanyang']) {
      const res = await as(city);
      expect(res.statusCode, city).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect((await as('zhengzhou')).statusCode).toBe(200);
    expect((await as('province')).statusCode).toBe(200);
    const nowhere = await (
      await new TestClient(app).login('zhengzhou')
    ).get('/api/v1/applicant-accounts/00000000-0000-4000-8000-000000000000');
    expect(nowhere.statusCode).toBe(404);
  });

  it('transfers an account to a new contact person: the unit’s contact, a one-time password, the old sessions ended', async () => {
    const unitId = await unitOf('ny-chuangye');
    const oldContact = await new TestClient(app).login('ny-chuangye');
    const city = await new TestClient(app).login('nanyang');
    const invalid = await city.post(`/api/v1/applicant-accounts/${unitId}/transfer`, {
      contactName: '李新',
      contactPhone: '123',
      verifiedBy: '单位盖章的联系人变更函',
    });
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual(['contactPhone']);
    const res = await city.post(`/api/v1/applicant-accounts/${unitId}/transfer`, {
      contactName: '李新',
      contactPhone: '13912345678',
      verifiedBy: '单位盖章的联系人变更函',
    });
    expect(res.statusCode, res.body).toBe(200);
    const transfer = res.json<OneTimePasswordView>();
    expect((await oldContact.get('/api/v1/my/application')).statusCode).toBe(401);
    expect((await login('ny-chuangye')).statusCode).toBe(401);
    expect((await city.get(`/api/v1/applicant-accounts/${unitId}`)).json()).toMatchObject({
      contactName: '李新',
      contactPhone: '139****5678',
    });
    expect((await new TestClient(app).login('ny-chuangye', transfer.oneTimePassword)).cookie).toBeTruthy();
    const [entry] = await auditOf('applicant_account.transfer');
    expect(entry).toMatchObject({
      actor_name: 'nanyang',
      detail: {
        unitId,
        previousContactName: '王经理',
        contactName: '李新',
        verifiedBy: '单位盖章的联系人变更函',
        sessionsEnded: 1,
      },
    });
    expect(JSON.stringify(entry)).not.toContain('13912345678');
    const other = await (
      await new TestClient(app).login('luoyang')
    ).post(`/api/v1/applicant-accounts/${unitId}/transfer`, {
      contactName: '赵某',
      contactPhone: '13900000000',
      verifiedBy: '电话',
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('separation of duties (三员分立)', () => {
  /** Real path values, so a refusal is the policy's and not a missing record. */
  let values: Record<string, string>;
  beforeAll(async () => {
    const luoyang = await new TestClient(app).login('luoyang');
    const item = (await luoyang.get('/api/v1/applications')).json<{ items: { id: string }[] }>().items[0]!;
    values = {
      id: item.id,
      fileId: '00000000-0000-4000-8000-000000000000',
      authorityCode: '410300',
      unitId: await unitOf('ly-huizhi'),
      userId: (await app.ctx.users.findByUsername('luoyang'))!.id,
      itemKey: 'rule:STAFF_BELOW_MIN',
      rosterRowNo: '1',
      format: 'pdf',
    };
  });

  const pathOf = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? name));
  const routesWith = (policies: Action[]) =>
    app.routeTable.filter((r) => r.method !== 'HEAD' && policies.includes(r.policy));
  const send = (c: TestClient, method: string, url: string): Promise<LightMyRequestResponse> =>
    c.request({ method: method as InjectOptions['method'], url: pathOf(url) });
  const businessActions: Action[] = [
    'application:own',
    'application:list',
    'application:read',
    'application:edit',
    'evidence:download',
    'review:read',
    'review:write',
    'package:own',
    'package:read',
    'package:manage',
    'board:read',
    'applicant-account:manage',
  ];
  const hookChecked: Action[] = [
    'application:own',
    'application:list',
    'package:own',
    'package:manage',
    'board:read',
    'account:admin',
    'security:manage',
    'audit:read',
  ];

  it.each(['sysadmin', 'secadmin', 'auditadmin'])(
    'refuses %s every business route that reads or changes nothing but its own rights',
    async (role) => {
      const c = await new TestClient(app).login(role);
      const checked = routesWith(businessActions).filter((r) => r.method === 'GET' || hookChecked.includes(r.policy));
      expect(checked.length).toBeGreaterThan(15);
      for (const { method, url } of checked) {
        const res = await send(c, method, url);
        expect(res.statusCode, `${role} ${method} ${url}: ${res.body.slice(0, 120)}`).toBe(403);
      }
    },
  );

  const adminRoutesOf: Record<string, Action[]> = {
    sysadmin: ['account:admin'],
    secadmin: ['security:manage'],
    auditadmin: ['audit:read'],
  };

  it.each([
    ['sysadmin', ['security:manage', 'audit:read']],
    ['secadmin', ['account:admin', 'audit:read']],
    ['auditadmin', ['account:admin', 'security:manage']],
    ['applicant', ['account:admin', 'security:manage', 'audit:read']],
    ['city', ['account:admin', 'security:manage', 'audit:read']],
    ['province', ['account:admin', 'security:manage']],
  ] as [Role | string, Action[]][])('refuses %s the other administrators’ routes', async (who, refused) => {
    const username = { applicant: 'ly-huizhi', city: 'luoyang', province: 'province' }[who] ?? who;
    const c = await new TestClient(app).login(username);
    const routes = routesWith(refused);
    expect(routes.length).toBeGreaterThan(0);
    for (const { method, url } of routes) {
      const res = await send(c, method, url);
      expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    for (const action of adminRoutesOf[who] ?? []) {
      const own = routesWith([action]).filter((r) => r.method === 'GET');
      for (const { url } of own) expect((await send(c, 'GET', url)).statusCode, `${who} GET ${url}`).toBe(200);
    }
  });

  it('lets the audit administrator and the province read and verify the audit log, and nobody else', async () => {
    for (const username of ['auditadmin', 'province']) {
      const c = await new TestClient(app).login(username);
      expect((await c.get('/api/v1/audit-log?limit=5')).statusCode).toBe(200);
      expect((await c.get('/api/v1/audit-log/verification')).json().ok).toBe(true);
    }
  });

  it('gives no user a way to their own role or another’s: no route writes a role, and applicants cannot be created', async () => {
    const roleWriters = app.routeTable.filter((r) => /role/i.test(r.url));
    expect(roleWriters).toEqual([]);
    const asApplicant = await admin.post('/api/v1/admin/accounts', {
      username: 'fake-unit',
      displayName: '假单位',
      role: 'applicant',
    });
    expect(asApplicant.statusCode).toBe(400);
    const city = await new TestClient(app).login('luoyang');
    const grant = await city.post('/api/v1/admin/accounts', {
      username: 'ly-boss',
      displayName: '自封',
      role: 'sysadmin',
    });
    expect(grant.statusCode).toBe(403);
    expect(await app.ctx.users.findByUsername('ly-boss')).toBeUndefined();
  });
});

describe('one change, one transaction', () => {
  it('an account change whose audit entry cannot be written does not happen', async () => {
    const account = await createAccount();
    const owner = await ownerOf(account, 'Atomic#2026a');
    const userBefore = await app.ctx.users.findById(account.account.id);
    const unitId = await unitOf('hkq-zonghe');
    const unitBefore = await app.ctx.users.findUnit(unitId);
    const applicantBefore = await app.ctx.users.findByUsername('hkq-zonghe');
    const city = await new TestClient(app).login('zhengzhou');
    await withAuditFailing(app.ctx.db, async () => {
      const refused = [
        await admin.post('/api/v1/admin/accounts', {
          username: 'not-created',
          displayName: '不应创建',
          role: 'province',
        }),
        await admin.post(`/api/v1/admin/accounts/${account.account.id}/disable`),
        await admin.post(`/api/v1/admin/accounts/${account.account.id}/reset-password`),
        await admin.put('/api/v1/admin/authorities/410900/require-totp', { requireTotp: true }),
        await owner.post('/api/v1/account/password', { oldPassword: 'Atomic#2026a', newPassword: 'Atomic#2026b' }),
        await city.post(`/api/v1/applicant-accounts/${unitId}/reset-password`, { verifiedBy: '回拨登记电话' }),
        await city.post(`/api/v1/applicant-accounts/${unitId}/transfer`, {
          contactName: '不应移交',
          contactPhone: '13900002222',
          verifiedBy: '变更函',
        }),
      ];
      expect(refused.map((r) => r.statusCode)).toEqual([500, 500, 500, 500, 500, 500, 500]);
    });
    expect(await app.ctx.users.findByUsername('not-created')).toBeUndefined();
    expect(await app.ctx.users.findById(account.account.id)).toEqual(userBefore);
    expect(await app.ctx.users.findByUsername('hkq-zonghe')).toEqual(applicantBefore);
    expect(await app.ctx.users.findUnit(unitId)).toEqual(unitBefore);
    expect((await app.ctx.references.findAuthority('410900'))!.require_totp).toBe(0);
    expect((await owner.get('/api/v1/session')).json().user).toMatchObject({ username: account.account.username });
    expect((await login(account.account.username, 'Atomic#2026a')).statusCode).toBe(200);
  });
});

describe('under concurrency', () => {
  it('of five resets at once one wins; its password works, the others answer 409 and change nothing', async () => {
    const account = await createAccount();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => admin.post(`/api/v1/admin/accounts/${account.account.id}/reset-password`)),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json()).toMatchObject({ code: 'ACCOUNT_CHANGED' });
    const winner = results.find((r) => r.statusCode === 200)!.json<OneTimePasswordView>();
    expect((await login(account.account.username, winner.oneTimePassword)).statusCode).toBe(200);
    expect((await login(account.account.username, account.oneTimePassword)).statusCode).toBe(401);
    expect(
      await auditOf('account.reset_password').then((e) => e.filter((x) => x.target_id === account.account.id)),
    ).toHaveLength(1);
  });

  it('of parallel creations of one user name, one account is made and the others get a clear 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin.post('/api/v1/admin/accounts', {
          username: 'same-name',
          displayName: `同名${i}`,
          role: 'city',
          authorityCode: '410900',
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json()).toMatchObject({
        code: 'USERNAME_TAKEN',
        message: '用户名已被使用',
        errors: [{ field: 'username' }],
      });
    const rows = await app.ctx.db.selectFrom('users').select('id').where('username', '=', 'same-name').execute();
    expect(rows).toHaveLength(1);
    expect((await auditOf('account.create')).filter((e) => e.detail?.username === 'same-name')).toHaveLength(1);
  });

  it('of two password changes at once from two sessions, one wins and the other answers 409', async () => {
    const account = await createAccount();
    const owner = await ownerOf(account, 'Twice#2026a');
    const second = await new TestClient(app).login(account.account.username, 'Twice#2026a');
    const [a, b] = await Promise.all([
      owner.post('/api/v1/account/password', { oldPassword: 'Twice#2026a', newPassword: 'Twice#2026b' }),
      second.post('/api/v1/account/password', { oldPassword: 'Twice#2026a', newPassword: 'Twice#2026c' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 409]);
    const won = a.statusCode === 204 ? 'Twice#2026b' : 'Twice#2026c';
    expect((await login(account.account.username, won)).statusCode).toBe(200);
  });
});
