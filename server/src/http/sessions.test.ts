import { afterAll, describe, expect, it } from 'vitest';
import type { ActiveSession } from '#contract';
import { fixedClock } from '../domain/clock.js';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { makeUscc } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { hashSessionId } from '../use-cases/steps/session-keys.js';
import { sweepExpiredSessions } from '../use-cases/sweep-expired-sessions.js';
import type { App } from './app.js';

const START = Date.parse('2026-11-24T00:00:00Z');
const clock = fixedClock(new Date(START));
const at = (minutes: number) => clock.set(new Date(START + minutes * 60_000));
const app: App = await createTestApp({ clock, config: { loginRateLimitPerMinute: 1000 } });
afterAll(async () => app.close());

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';

/** Logs in from a browser with the given user agent; the client keeps the cookie and CSRF token. */
async function logInWith(username: string, userAgent: string): Promise<TestClient> {
  const client = new TestClient(app);
  const res = await client.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
    headers: { 'user-agent': userAgent },
  });
  expect(res.statusCode, res.body).toBe(200);
  return client;
}

const listOf = async (client: TestClient): Promise<ActiveSession[]> => {
  const res = await client.get('/api/v1/account/sessions');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: ActiveSession[] }>().items;
};

const cookieValue = (client: TestClient) => client.cookie!.slice('sb_session='.length);

describe('a user’s own sessions (登录设备)', () => {
  it('lists each active session with when, where and in what browser it was opened, the current one marked', async () => {
    at(0);
    const desktop = await logInWith('ly-keji', CHROME_WINDOWS);
    at(5);
    const phone = await logInWith('ly-keji', SAFARI_IPHONE);
    await logInWith('ny-chuangye', CHROME_WINDOWS); // another user's session is never listed

    const res = await phone.get('/api/v1/account/sessions');
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.json<{ items: ActiveSession[] }>().items;
    expect(items).toEqual([
      {
        id: expect.stringMatching(/^[\w-]{22}$/),
        createdAt: '2026-11-24T00:05:00.000Z',
        lastSeenAt: '2026-11-24T00:05:00.000Z',
        ip: '127.0.0.1',
        device: 'Safari 17 · iOS 17.6',
        userAgent: SAFARI_IPHONE,
        current: true,
      },
      {
        id: expect.stringMatching(/^[\w-]{22}$/),
        createdAt: '2026-11-24T00:00:00.000Z',
        lastSeenAt: '2026-11-24T00:00:00.000Z',
        ip: '127.0.0.1',
        device: 'Chrome 131 · Windows 10/11',
        userAgent: CHROME_WINDOWS,
        current: false,
      },
    ]);
    // The reference names the session without giving away its cookie or the row's key.
    for (const client of [desktop, phone]) {
      expect(res.body).not.toContain(cookieValue(client));
      expect(res.body).not.toContain(hashSessionId(cookieValue(client)));
    }
    expect((await listOf(desktop)).map((s) => s.current)).toEqual([false, true]);
    await desktop.post('/api/v1/auth/logout');
    await phone.post('/api/v1/auth/logout');
  });

  it('ends another of the user’s sessions: it is logged out at once, the current one goes on, and it is audited', async () => {
    at(60);
    const desktop = await logInWith('ly-keji', CHROME_WINDOWS);
    const phone = await logInWith('ly-keji', SAFARI_IPHONE);
    const target = (await listOf(desktop)).find((s) => !s.current)!;
    expect(target.device).toBe('Safari 17 · iOS 17.6');

    const ended = await desktop.delete(`/api/v1/account/sessions/${target.id}`);
    expect(ended.statusCode, ended.body).toBe(204);
    expect(ended.cookies.find((c) => c.name === 'sb_session')).toBeUndefined(); // the asker stays logged in
    const after = await phone.get('/api/v1/my/application');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
    expect((await listOf(desktop)).map((s) => s.current)).toEqual([true]);

    const [entry] = await app.ctx.audit.list(1, 'session.end');
    expect(entry).toMatchObject({ actor_name: 'ly-keji', target_type: 'user', ip: '127.0.0.1' });
    expect(JSON.parse(entry!.detail!)).toEqual({
      session: target.id,
      current: false,
      ip: '127.0.0.1',
      device: 'Safari 17 · iOS 17.6',
    });

    const again = await desktop.delete(`/api/v1/account/sessions/${target.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toEqual({ code: 'NOT_FOUND', message: '该登录设备不存在或已退出登录' });
    await desktop.post('/api/v1/auth/logout');
  });

  it('ending the current session logs out and clears the cookie', async () => {
    at(120);
    const desktop = await logInWith('ly-keji', CHROME_WINDOWS);
    const [current] = await listOf(desktop);
    const cookie = desktop.cookie!;
    const res = await desktop.delete(`/api/v1/account/sessions/${current!.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'sb_session')?.value).toBe('');
    const replay = await app.inject({ method: 'GET', url: '/api/v1/account/sessions', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    expect(JSON.parse((await app.ctx.audit.list(1, 'session.end'))[0]!.detail!)).toMatchObject({
      session: current!.id,
      current: true,
    });
  });

  it('never ends another user’s session, even knowing its reference', async () => {
    at(180);
    const owner = await logInWith('ny-chuangye', CHROME_WINDOWS);
    const stranger = await logInWith('ly-keji', CHROME_WINDOWS);
    const [own] = await listOf(owner);
    const res = await stranger.delete(`/api/v1/account/sessions/${own!.id}`);
    expect(res.statusCode).toBe(404);
    expect((await owner.get('/api/v1/my/application')).statusCode).toBe(200);
    const malformed = await stranger.delete('/api/v1/account/sessions/not-a-reference');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'sessionId', message: '登录设备编号：格式不正确' }],
    });
    await owner.post('/api/v1/auth/logout');
    await stranger.post('/api/v1/auth/logout');
  });

  it('ends all the user’s other sessions at once, keeping the current one, audited with how many', async () => {
    at(240);
    const others = [await logInWith('luoyang', CHROME_WINDOWS), await logInWith('luoyang', SAFARI_IPHONE)];
    const keeper = await logInWith('luoyang', CHROME_WINDOWS);
    const bystander = await logInWith('nanyang', CHROME_WINDOWS);
    const res = await keeper.delete('/api/v1/account/sessions');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    for (const other of others) expect((await other.get('/api/v1/session')).json().user).toBeNull();
    expect((await keeper.get('/api/v1/session')).json().user).toMatchObject({ username: 'luoyang' });
    expect((await bystander.get('/api/v1/session')).json().user).toMatchObject({ username: 'nanyang' });
    expect(await listOf(keeper)).toHaveLength(1);
    const [entry] = await app.ctx.audit.list(1, 'session.end_others');
    expect(entry).toMatchObject({ actor_name: 'luoyang', target_type: 'user' });
    expect(JSON.parse(entry!.detail!)).toEqual({ ended: 2 });
  });

  it('records the client and user agent of a registration’s session too', async () => {
    at(300);
    const client = new TestClient(app);
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        username: 'sessions-unit',
        password: 'Passw0rd!',
        unitName: '会话测试运营单位有限公司',
        uscc: makeUscc(91_001),
        regionCode: '410300',
        contactName: '张三',
        contactPhone: '13800001111',
      },
      headers: { 'user-agent': SAFARI_IPHONE },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await listOf(client)).toEqual([
      expect.objectContaining({ device: 'Safari 17 · iOS 17.6', ip: '127.0.0.1', current: true }),
    ]);
  });
});

describe('session lifetime', () => {
  it('ends a session 12 hours after login however active it is, with the same 登录已超时 answer as an idle one', async () => {
    const day = Date.parse('2026-11-25T00:00:00Z');
    const busy = fixedClock(new Date(day));
    const other = await createTestApp({ clock: busy });
    try {
      const client = await new TestClient(other).login('ly-keji');
      // A request every 20 minutes keeps it from going idle …
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        busy.set(new Date(day + minutes * 60_000));
        expect((await client.get('/api/v1/my/application')).statusCode, `after ${minutes} minutes`).toBe(200);
      }
      busy.set(new Date(day + 12 * 3_600_000));
      expect((await client.get('/api/v1/my/application')).statusCode).toBe(200); // exactly 12 hours: still in
      // … but not past the absolute lifetime.
      busy.set(new Date(day + 12 * 3_600_000 + 1_000));
      const cookie = client.cookie!;
      const expired = await client.get('/api/v1/my/application');
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toEqual({ code: 'SESSION_EXPIRED', message: '登录已超时，请重新登录' });
      expect(expired.cookies.find((c) => c.name === 'sb_session')?.value).toBe('');
      const replay = await other.inject({ method: 'GET', url: '/api/v1/my/application', headers: { cookie } });
      expect(replay.json().code).toBe('UNAUTHENTICATED'); // the row is gone
    } finally {
      await other.close();
    }
  });

  it('sweeps the rows of sessions that went idle or outlived the absolute lifetime, and keeps the rest', async () => {
    const day = Date.parse('2026-11-26T00:00:00Z');
    const now = fixedClock(new Date(day));
    const minute = (m: number) => now.set(new Date(day + m * 60_000));
    const other = await createTestApp({ clock: now, config: { loginRateLimitPerMinute: 1000 } });
    try {
      const rows = () => other.ctx.db.selectFrom('sessions').select('user_id').execute();
      const old = await new TestClient(other).login('ly-keji'); // 0:00, then used every 20 minutes until 12:00
      for (let m = 20; m <= 12 * 60; m += 20) {
        minute(m);
        expect((await old.get('/api/v1/session')).json().user, `${m} minutes`).not.toBeNull();
        if (m === 11 * 60 + 40) await new TestClient(other).login('ny-chuangye'); // 11:40, then left alone
      }
      minute(12 * 60 + 20);
      const fresh = await new TestClient(other).login('luoyang'); // 12:20
      expect(await rows()).toHaveLength(3);

      minute(12 * 60 + 25); // old: 12 h 25 min since login, idle 25 min; the idle one: idle 45 min
      expect(await sweepExpiredSessions(other.ctx)).toBe(2);
      expect(await rows()).toHaveLength(1);
      expect((await fresh.get('/api/v1/session')).json().user).toMatchObject({ username: 'luoyang' });
      expect(await sweepExpiredSessions(other.ctx)).toBe(0);
    } finally {
      await other.close();
    }
  });
});
