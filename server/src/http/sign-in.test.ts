import { createHash, timingSafeEqual } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecondFactorChallenge, SignInAccountView } from '#contract';
import { makeUscc } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { fixedClock } from '../domain/clock.js';
import { totpCode } from '../domain/totp.js';
import { DEMO_PASSWORD } from '../seed/seed.js';
import { storeCaptcha } from '../use-cases/steps/captcha.js';
import type { PasswordHasher } from '../use-cases/password-hasher.js';
import type { App } from './app.js';

/**
 * A fast password hasher that counts verifications; each takes a few milliseconds, like argon2 does on
 * the thread pool, so parallel requests really overlap.
 */
const verifications = { count: 0 };
const countingHasher: PasswordHasher = {
  hash: async (password) => `test$${createHash('sha256').update(password).digest('hex')}`,
  verify: async (hashed, password) => {
    verifications.count++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return timingSafeEqual(
      Buffer.from(hashed),
      Buffer.from(`test$${createHash('sha256').update(password).digest('hex')}`),
    );
  },
};

const START = '2026-11-24T02:00:00Z';
const clock = fixedClock(START);
const later = (seconds: number) => clock.set(new Date(clock.now().getTime() + seconds * 1000));
let app: App;
beforeAll(async () => {
  app = await createTestApp({
    clock,
    passwords: countingHasher,
    config: { loginRateLimitPerMinute: 10_000, secondFactorRoles: ['province', 'sysadmin', 'secadmin', 'auditadmin'] },
  });
});
afterAll(() => app.close());

let clients = 0;
/** A client of its own address, so that tests do not share the failures counted per account and client. */
function client(ip = `198.51.100.${++clients}`): TestClient & { ip: string } {
  const c = new TestClient(app) as TestClient & { ip: string };
  c.ip = ip;
  const send = c.request.bind(c);
  c.request = (opts) => send({ ...opts, remoteAddress: ip });
  return c;
}

const login = (
  c: TestClient,
  username: string,
  password: string,
  captcha?: { captchaId: string; captchaAnswer: string },
) => c.post('/api/v1/auth/login', { username, password, ...captcha });
const solvedCaptcha = async () => ({ captchaId: await storeCaptcha(app.ctx, 'ABCDE'), captchaAnswer: 'abcde' });

let registered = 0;
/** A new applicant account (registered from an address of its own); returns its user name. */
async function newAccount(): Promise<string> {
  const n = ++registered;
  const res = await client(`192.0.2.${n}`).post('/api/v1/auth/register', {
    username: `signin${n}`,
    password: 'Abcdefg1',
    unitName: `登录测试单位${n}有限公司`,
    uscc: makeUscc(81_000 + n),
    regionCode: '410300',
    contactName: '张三',
    contactPhone: '13800001111',
  });
  expect(res.statusCode, res.body).toBe(200);
  return `signin${n}`;
}

const userId = async (username: string) => (await app.ctx.users.findByUsername(username))!.id;
const codeAt = (secret: string, offsetSeconds = 0) =>
  totpCode(secret, new Date(clock.now().getTime() + offsetSeconds * 1000));
const body = (res: LightMyRequestResponse) => res.json<Record<string, unknown>>();

/** Enrols the account behind `c` (signed in) and returns its secret and recovery codes. */
async function enrol(c: TestClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await c.post('/api/v1/account/second-factor/enrolment');
  expect(started.statusCode, started.body).toBe(200);
  const { secret } = started.json<{ secret: string }>();
  const confirmed = await c.post('/api/v1/account/second-factor/enrolment/confirm', { code: codeAt(secret) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { secret, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

const secrets = new Map<string, string>();
/** A full session of a demo account: enrolled on its first use when its role requires a second factor, with the code afterwards. */
async function signedIn(username: string): Promise<TestClient> {
  const c = client();
  const res = await login(c, username, DEMO_PASSWORD);
  expect(res.statusCode, res.body).toBe(200);
  const answer = res.json<{
    next?: string;
    challenge?: string;
    user?: { totpRequired: boolean; totpEnrolled: boolean };
  }>();
  if (answer.next === 'totp') {
    later(30);
    expect(
      (await c.post('/api/v1/auth/login/totp', { challenge: answer.challenge, code: codeAt(secrets.get(username)!) }))
        .statusCode,
    ).toBe(200);
  } else if (answer.user?.totpRequired && !answer.user.totpEnrolled) {
    secrets.set(username, (await enrol(c)).secret);
  }
  return c;
}

/** The password step of a user with a second factor: the challenge. */
async function challengeFor(c: TestClient, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await login(c, username, password);
  expect(res.statusCode, res.body).toBe(200);
  const answer = res.json<SecondFactorChallenge>();
  expect(answer).toMatchObject({ next: 'totp', expiresInSeconds: 300 });
  return answer.challenge;
}

describe('two-factor sign-in', () => {
  let secret: string;
  let recoveryCodes: string[];

  it('gives a province account without a second factor a session that only reaches the enrolment', async () => {
    const c = client();
    const res = await login(c, 'province', DEMO_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'province', totpRequired: true, totpEnrolled: false });
    const board = await c.get('/api/v1/province/board');
    expect(board.statusCode).toBe(403);
    expect(board.json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    expect((await c.get('/api/v1/account/second-factor')).json()).toMatchObject({
      required: true,
      enrolled: false,
      pending: false,
    });
    const denied = (await app.ctx.audit.list(20, 'access.denied')).find((e) => e.actor_name === 'province');
    expect(JSON.parse(denied!.detail!)).toMatchObject({ code: 'TOTP_ENROLMENT_REQUIRED' });
  });

  it('enrols with a QR code and a code from the app; ten recovery codes are shown once and stored hashed, the secret encrypted', async () => {
    const c = client();
    await login(c, 'province', DEMO_PASSWORD);
    const started = await c.post('/api/v1/account/second-factor/enrolment');
    expect(started.statusCode, started.body).toBe(200);
    const view = started.json<{ secret: string; uri: string; qrCode: string }>();
    expect(view.uri).toMatch(/^otpauth:\/\/totp\/.*province\?.*secret=/);
    expect(view.qrCode.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(view.qrCode.split(',')[1]!, 'base64').toString('utf8')).toContain('<svg');
    secret = view.secret;
    const stored = await app.ctx.db
      .selectFrom('users')
      .select(['totp_pending_secret', 'totp_secret'])
      .where('username', '=', 'province')
      .executeTakeFirstOrThrow();
    expect(stored.totp_pending_secret).toMatch(/^sm4:/);
    expect(stored.totp_pending_secret).not.toContain(secret);
    expect((await c.get('/api/v1/account/second-factor')).json()).toMatchObject({ pending: true, enrolled: false });

    const wrong = await c.post('/api/v1/account/second-factor/enrolment/confirm', { code: codeAt(secret, 120) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);

    const confirmed = await c.post('/api/v1/account/second-factor/enrolment/confirm', { code: codeAt(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    recoveryCodes = confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const rows = await app.ctx.db
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', await userId('province'))
      .execute();
    expect(rows).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''));
    const enabled = await app.ctx.db
      .selectFrom('users')
      .select(['totp_pending_secret', 'totp_secret', 'totp_enabled_at'])
      .where('username', '=', 'province')
      .executeTakeFirstOrThrow();
    expect(enabled).toMatchObject({ totp_pending_secret: null, totp_enabled_at: clock.now().toISOString() });
    expect(enabled.totp_secret).toMatch(/^sm4:/);

    expect((await c.get('/api/v1/province/board')).statusCode).toBe(200); // the same session, now with its factor
    expect((await c.get('/api/v1/session')).json().user).toMatchObject({ totpRequired: true, totpEnrolled: true });
    expect((await c.post('/api/v1/account/second-factor/enrolment')).json().code).toBe('TOTP_ALREADY_ENROLLED');
    expect((await app.ctx.audit.list(10, 'totp.enabled'))[0]).toMatchObject({ actor_name: 'province' });
  });

  it('asks for the code after the password: a challenge, no session, then the session', async () => {
    const c = client();
    const challenge = await challengeFor(c, 'province');
    expect(c.cookie).toBeNull();
    expect((await c.get('/api/v1/session')).json().user).toBeNull();

    const replayed = await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret) });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('TOTP_REPLAYED'); // this step's code confirmed the enrolment

    later(30);
    const done = await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user).toMatchObject({ username: 'province', totpEnrolled: true });
    expect((await c.get('/api/v1/province/board')).statusCode).toBe(200);
    expect(JSON.parse((await app.ctx.audit.list(1, 'login.success'))[0]!.detail!)).toEqual({ secondFactor: 'totp' });
    const reused = await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret, 30) });
    expect(reused.json().code).toBe('LOGIN_CHALLENGE_EXPIRED'); // a challenge serves one sign-in
  });

  it('accepts each code once, one step either side, not two', async () => {
    const c = client();
    const challenge = await challengeFor(c, 'province');
    expect((await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret) })).json().code).toBe(
      'TOTP_REPLAYED',
    );
    expect((await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret, 60) })).json().code).toBe(
      'TOTP_INVALID',
    );
    expect((await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret, 30) })).statusCode).toBe(200); // the next step

    later(90);
    const d = client();
    const second = await challengeFor(d, 'province');
    expect((await d.post('/api/v1/auth/login/totp', { challenge: second, code: codeAt(secret, -30) })).statusCode).toBe(
      200,
    ); // the step before
  });

  it('takes a recovery code instead of the code, each one once', async () => {
    const c = client();
    const first = recoveryCodes[0]!;
    const ok = await c.post('/api/v1/auth/login/totp', {
      challenge: await challengeFor(c, 'province'),
      recoveryCode: first.toLowerCase(),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(JSON.parse((await app.ctx.audit.list(1, 'login.success'))[0]!.detail!)).toEqual({
      secondFactor: 'recovery_code',
    });
    const d = client();
    const again = await d.post('/api/v1/auth/login/totp', {
      challenge: await challengeFor(d, 'province'),
      recoveryCode: first,
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('RECOVERY_CODE_INVALID');
    expect((await c.get('/api/v1/account/second-factor')).json()).toMatchObject({
      enrolled: true,
      recoveryCodesLeft: 9,
    });
  });

  it('uses the same challenge and code only once even when sent twice at the same moment', async () => {
    later(30);
    const c = client();
    const challenge = await challengeFor(c, 'province');
    const code = codeAt(secret);
    const answers = await Promise.all([1, 2, 3].map(() => c.post('/api/v1/auth/login/totp', { challenge, code })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401, 401]);
  });

  it('binds the challenge to the client and lets it run out after five minutes', async () => {
    later(30);
    const c = client();
    const challenge = await challengeFor(c, 'province');
    expect((await client().post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret) })).json().code).toBe(
      'LOGIN_CHALLENGE_EXPIRED',
    );
    later(301);
    expect((await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret) })).json().code).toBe(
      'LOGIN_CHALLENGE_EXPIRED',
    );
  });

  it('counts wrong codes like wrong passwords: locked at the 5th attempt; the owner unlocks with password and code', async () => {
    later(30);
    const c = client();
    const challenge = await challengeFor(c, 'province'); // attempt 1: a sign-in counts as failed until it is complete
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push(await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret, 300 + i * 30) }));
    expect(codes.map((r) => r.json().code)).toEqual(['TOTP_INVALID', 'TOTP_INVALID', 'TOTP_INVALID', 'ACCOUNT_LOCKED']);
    expect((await c.post('/api/v1/auth/login/totp', { challenge, code: codeAt(secret) })).json().code).toBe(
      'LOGIN_CHALLENGE_EXPIRED',
    );
    expect((await login(c, 'province', DEMO_PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');

    const before = verifications.count;
    const wrongCode = await c.post('/api/v1/auth/unlock', {
      username: 'province',
      password: DEMO_PASSWORD,
      code: codeAt(secret, 300),
    });
    expect(wrongCode.json().code).toBe('UNLOCK_FAILED');
    expect(verifications.count).toBe(before); // without the second factor, no password is checked
    const wrongPassword = await c.post('/api/v1/auth/unlock', {
      username: 'province',
      password: 'Wrong-pass1',
      code: codeAt(secret),
    });
    expect(wrongPassword.json().code).toBe('UNLOCK_FAILED');
    later(30);
    const unlocked = await c.post('/api/v1/auth/unlock', {
      username: 'province',
      password: DEMO_PASSWORD,
      code: codeAt(secret),
    });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().user).toMatchObject({ username: 'province' });
    expect(await app.ctx.signIn.failures(await userId('province'), c.ip, clock.now())).toBeUndefined();
    expect(JSON.parse((await app.ctx.audit.list(1, 'login.success'))[0]!.detail!)).toEqual({
      secondFactor: 'totp',
      unlocked: true,
    });
  });

  it('replaces the recovery codes with a current code; the old ones stop working', async () => {
    later(30);
    const c = client();
    await c.post('/api/v1/auth/login/totp', { challenge: await challengeFor(c, 'province'), code: codeAt(secret) });
    expect(
      (await c.post('/api/v1/account/second-factor/recovery-codes', { code: codeAt(secret) })).json().errors,
    ).toEqual([expect.objectContaining({ field: 'code', message: expect.stringContaining('已使用过') })]);
    later(30);
    const replaced = await c.post('/api/v1/account/second-factor/recovery-codes', { code: codeAt(secret) });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const fresh = replaced.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    const d = client();
    expect(
      (
        await d.post('/api/v1/auth/login/totp', {
          challenge: await challengeFor(d, 'province'),
          recoveryCode: recoveryCodes[1]!,
        })
      ).json().code,
    ).toBe('RECOVERY_CODE_INVALID');
    const e = client();
    expect(
      (
        await e.post('/api/v1/auth/login/totp', {
          challenge: await challengeFor(e, 'province'),
          recoveryCode: fresh[0]!,
        })
      ).statusCode,
    ).toBe(200);
    recoveryCodes = fresh;
  });

  it('lets the security administrator reset it: the user’s sessions end and the user enrols again; audited', async () => {
    later(30);
    const owner = client();
    await owner.post('/api/v1/auth/login/totp', {
      challenge: await challengeFor(owner, 'province'),
      code: codeAt(secret),
    });
    const provinceId = await userId('province');
    const sysadmin = await signedIn('sysadmin');
    const refused = await sysadmin.delete(`/api/v1/admin/security/accounts/${provinceId}/second-factor`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
    const secadmin = await signedIn('secadmin');
    const reset = await secadmin.delete(`/api/v1/admin/security/accounts/${provinceId}/second-factor`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await owner.get('/api/v1/province/board')).statusCode).toBe(401);
    expect(
      await app.ctx.db.selectFrom('recovery_codes').select('id').where('user_id', '=', provinceId).execute(),
    ).toEqual([]);
    expect((await app.ctx.audit.list(1, 'totp.reset'))[0]).toMatchObject({
      actor_name: 'secadmin',
      target_id: provinceId,
    });
    expect((await secadmin.delete(`/api/v1/admin/security/accounts/${provinceId}/second-factor`)).json().code).toBe(
      'TOTP_NOT_ENROLLED',
    );
    const ownId = await userId('secadmin');
    expect((await secadmin.delete(`/api/v1/admin/security/accounts/${ownId}/second-factor`)).statusCode).toBe(403); // not their own

    const again = await login(client(), 'province', DEMO_PASSWORD);
    expect(again.json().user).toMatchObject({ totpRequired: true, totpEnrolled: false });
  });

  it('lets a user on a one-time password change it first, then enrol, then work', async () => {
    await app.ctx.db
      .updateTable('users')
      .set({ must_change_password: 1 })
      .where('username', '=', 'auditadmin')
      .execute();
    const c = client();
    expect((await login(c, 'auditadmin', DEMO_PASSWORD)).json().user).toMatchObject({
      mustChangePassword: true,
      totpRequired: true,
      totpEnrolled: false,
    });
    expect((await c.post('/api/v1/account/second-factor/enrolment')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await c.post('/api/v1/account/password', {
      oldPassword: DEMO_PASSWORD,
      newPassword: 'Audit#2026new',
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    expect((await c.get('/api/v1/audit-log')).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    await enrol(c);
    expect((await c.get('/api/v1/audit-log')).statusCode).toBe(200);
  });

  it('is required of a city’s officials when their authority requires it', async () => {
    const c = client();
    expect((await login(c, 'puyang', DEMO_PASSWORD)).json().user).toMatchObject({ totpRequired: false });
    expect((await c.get('/api/v1/applications')).statusCode).toBe(200);
    await app.ctx.references.setRequireTotp('410900', true);
    try {
      expect((await c.get('/api/v1/applications')).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
      expect((await c.get('/api/v1/session')).json().user).toMatchObject({ totpRequired: true, totpEnrolled: false });
      const { secret: own } = await enrol(c);
      expect((await c.get('/api/v1/applications')).statusCode).toBe(200);
      later(30);
      const d = client();
      const res = await d.post('/api/v1/auth/login/totp', {
        challenge: await challengeFor(d, 'puyang'),
        code: codeAt(own),
      });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await app.ctx.references.setRequireTotp('410900', false);
    }
  });
});

describe('lockout that holds under concurrency', () => {
  it('locks at the 5th of 24 parallel wrong passwords and checks no later guess', async () => {
    const username = await newAccount();
    const attacker = client();
    const before = verifications.count;
    const answers = await Promise.all(
      Array.from({ length: 24 }, async () => login(attacker, username, 'Wrong-pass1', await solvedCaptcha())),
    );
    const codes = answers.map((r) => r.json().code as string);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(20);
    expect(verifications.count - before).toBe(5);
    const counted = await app.ctx.signIn.failures(await userId(username), attacker.ip, clock.now());
    expect(counted?.lockedUntil).toBe(new Date(clock.now().getTime() + 30 * 60_000).toISOString());
    expect(counted?.failures).toBeGreaterThanOrEqual(5); // guesses that raced past the first look at the lock are counted too

    const right = await login(attacker, username, 'Abcdefg1');
    expect(right.statusCode).toBe(423);
    expect(verifications.count - before).toBe(5); // not even the right password is checked while locked
    const audit = (await app.ctx.audit.list(100, 'login.failure'))
      .filter((e) => e.actor_name === username)
      .map((e) => JSON.parse(e.detail!).reason as string);
    expect(audit.filter((r) => r === 'bad_password')).toHaveLength(5);
    expect(audit.filter((r) => r === 'locked')).toHaveLength(20);
  });

  it('starts counting again when the lock has run out', async () => {
    const username = await newAccount();
    const c = client();
    for (let i = 0; i < 5; i++) await login(c, username, 'Wrong-pass1', await solvedCaptcha());
    expect((await login(c, username, 'Abcdefg1')).statusCode).toBe(423);
    later(30 * 60 + 1);
    expect((await login(c, username, 'Abcdefg1')).statusCode).toBe(200);
  });

  it('forgets a client’s failures after a day without any, for a name with and without an account alike', async () => {
    const names = [await newAccount(), 'no-such-user-2'];
    const c = client();
    for (const name of names) for (let i = 0; i < 3; i++) await login(c, name, 'Wrong-pass1');
    for (const name of names) expect((await login(c, name, 'Wrong-pass1')).json().code).toBe('CAPTCHA_REQUIRED');
    later(24 * 60 * 60 + 1);
    for (const name of names)
      expect(body(await login(c, name, 'Wrong-pass1'))).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        captchaRequired: false,
      });
    expect(await app.ctx.signIn.failures(await userId(names[0]!), c.ip, clock.now())).toEqual({
      failures: 1,
      lockedUntil: null,
    });
  });
});

describe('no lockout as a weapon', () => {
  it('a stranger’s failures lock the stranger’s client out of the account, never the owner', async () => {
    const username = await newAccount();
    const stranger = client('203.0.113.66');
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await login(stranger, username, `Guess-${i}aA`, await solvedCaptcha()));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 423, 423, 423, 423]);
    const before = verifications.count;
    expect((await login(stranger, username, 'Abcdefg1', await solvedCaptcha())).statusCode).toBe(423); // even the right password
    expect(verifications.count).toBe(before);

    const owner = client('198.51.100.200');
    const res = await login(owner, username, 'Abcdefg1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ username });
  });

  it('asks for a captcha after 3 failures; a wrong answer is refused before the password; each captcha serves once', async () => {
    const username = await newAccount();
    const c = client();
    const three = [];
    for (let i = 0; i < 3; i++) three.push(await login(c, username, 'Wrong-pass1'));
    expect(three.map((r) => body(r).captchaRequired)).toEqual([false, false, true]);

    const before = verifications.count;
    const missing = await login(c, username, 'Abcdefg1');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'CAPTCHA_REQUIRED', captchaRequired: true });
    const captchaId = await storeCaptcha(app.ctx, 'QWERT');
    const wrong = await login(c, username, 'Abcdefg1', { captchaId, captchaAnswer: 'QWERX' });
    expect(wrong.json().code).toBe('CAPTCHA_INVALID');
    const reused = await login(c, username, 'Abcdefg1', { captchaId, captchaAnswer: 'QWERT' });
    expect(reused.json().code).toBe('CAPTCHA_INVALID'); // the wrong answer used it up
    expect(verifications.count).toBe(before); // no password checked without a solved captcha
    expect((await app.ctx.signIn.failures(await userId(username), c.ip, clock.now()))?.failures).toBe(3); // nor counted

    const expiring = await storeCaptcha(app.ctx, 'ZXCVB');
    later(301);
    expect((await login(c, username, 'Abcdefg1', { captchaId: expiring, captchaAnswer: 'zxcvb' })).json().code).toBe(
      'CAPTCHA_INVALID',
    );

    const solved = { captchaId: await storeCaptcha(app.ctx, 'HJKMN'), captchaAnswer: ' hjkmn ' };
    const ok = await login(c, username, 'Abcdefg1', solved);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await login(client(), username, 'Abcdefg1', solved)).statusCode).toBe(200); // a fresh client needs none …
    const third = client();
    for (let i = 0; i < 3; i++) await login(third, username, 'Wrong-pass1');
    expect((await login(third, username, 'Abcdefg1', solved)).json().code).toBe('CAPTCHA_INVALID'); // … and a used one is gone
  });

  it('hands out captchas as SVG pictures; only a hash of the answer is stored', async () => {
    const res = await client().post('/api/v1/auth/captcha');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{ id: string; image: string; expiresInSeconds: number }>();
    expect(view.expiresInSeconds).toBe(300);
    expect(view.image.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(view.image.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg [^>]*>.*<path d="M.*<\/svg>$/s);
    expect(svg).not.toMatch(/<text/);
    const row = await app.ctx.db
      .selectFrom('captchas')
      .selectAll()
      .orderBy('expires_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.answer_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.id_hash).not.toBe(view.id);
  });

  it('asks every client for a captcha once an account failed 20 times within the hour, from all clients together', async () => {
    const username = await newAccount();
    for (let i = 1; i <= 20; i++)
      expect((await login(client(`203.0.113.${100 + i}`), username, 'Wrong-pass1')).statusCode).toBe(401);
    const owner = client();
    expect((await login(owner, username, 'Abcdefg1')).json().code).toBe('CAPTCHA_REQUIRED');
    expect((await login(owner, username, 'Abcdefg1', await solvedCaptcha())).statusCode).toBe(200);
    later(60 * 60 + 1);
    expect((await login(client(), username, 'Abcdefg1')).statusCode).toBe(200);
  });

  it('lets the security administrator see the failures per client and unlock the account; audited', async () => {
    const username = await newAccount();
    const id = await userId(username);
    const stranger = client('203.0.113.77');
    for (let i = 0; i < 5; i++) await login(stranger, username, 'Wrong-pass1', await solvedCaptcha());
    expect((await login(stranger, username, 'Abcdefg1', await solvedCaptcha())).statusCode).toBe(423);

    const luoyang = await client().login('luoyang');
    expect((await luoyang.get('/api/v1/admin/security/accounts')).statusCode).toBe(403);
    const secadmin = await signedIn('secadmin');
    const list = (await secadmin.get('/api/v1/admin/security/accounts')).json<{ items: SignInAccountView[] }>().items;
    expect(list.find((a) => a.userId === id)).toMatchObject({
      username,
      locked: true,
      secondFactor: 'none',
      secondFactorRequired: false,
      failuresLastHour: 5,
      clients: [{ client: '203.0.113.77', failures: 5, lockedUntil: expect.any(String) }],
    });
    const found = (
      await secadmin.get(`/api/v1/admin/security/accounts?search=${encodeURIComponent('province')}`)
    ).json<{ items: SignInAccountView[] }>().items;
    expect(found.map((a) => a.username)).toContain('province');
    expect(found.find((a) => a.username === 'province')).toMatchObject({
      role: 'province',
      secondFactorRequired: true,
    });

    const unlocked = await secadmin.post(`/api/v1/admin/security/accounts/${id}/unlock`);
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json()).toEqual({ clients: 1 });
    expect((await app.ctx.audit.list(1, 'account.unlock'))[0]).toMatchObject({ actor_name: 'secadmin', target_id: id });
    expect((await login(stranger, username, 'Abcdefg1')).statusCode).toBe(200);
  });
});

describe('no user enumeration', () => {
  it('answers an unknown name exactly like a wrong password, attempt after attempt, at the same cost', async () => {
    const username = await newAccount();
    const run = async (name: string) => {
      const c = client();
      const seen = [];
      for (let i = 0; i < 7; i++) {
        const before = verifications.count;
        const res = await login(c, name, 'Wrong-pass1', i >= 3 ? await solvedCaptcha() : undefined);
        seen.push({ status: res.statusCode, body: res.body, verified: verifications.count - before });
      }
      return seen;
    };
    const known = await run(username);
    const unknown = await run('no-such-user');
    expect(unknown).toEqual(known);
    expect(known.map((s) => s.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(known.map((s) => s.verified)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(JSON.parse(known[0]!.body)).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
      captchaRequired: false,
    });
    const withoutCaptcha = await login(client(), 'no-such-user', 'x');
    expect(withoutCaptcha.statusCode).toBe(401);
  });

  it('refuses an unlock the same way for an unknown name, a name without a second factor and a wrong code, checking no password', async () => {
    const username = await newAccount();
    const before = verifications.count;
    const answers = await Promise.all(
      ['no-such-user', username, 'province'].map((name) =>
        client().post('/api/v1/auth/unlock', { username: name, password: 'Abcdefg1', code: '000000' }),
      ),
    );
    expect(answers.map((r) => r.body)).toEqual(
      Array(3).fill(
        JSON.stringify({ code: 'UNLOCK_FAILED', message: '用户名、密码或动态口令错误', captchaRequired: false }),
      ),
    );
    expect(verifications.count).toBe(before);
  });

  it('limits the “already registered” answers a client gets: five an hour, parallel probes included', async () => {
    const registration = (n: number, patch: Record<string, unknown> = {}) => ({
      username: `probe${n}`,
      password: 'Abcdefg1',
      unitName: `探测单位${n}有限公司`,
      uscc: makeUscc(82_000 + n),
      regionCode: '410300',
      contactName: '张三',
      contactPhone: '13800001111',
      ...patch,
    });
    const taken = await newAccount();
    const takenUscc = makeUscc(81_000 + registered);
    const prober = client('203.0.113.200');
    const probes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        prober.post('/api/v1/auth/register', registration(i, i % 2 ? { username: taken } : { uscc: takenUscc })),
      ),
    );
    const codes = probes.map((r) => r.json().code as string);
    expect(codes.filter((c) => c === 'UNIT_ALREADY_REGISTERED' || c === 'USERNAME_TAKEN')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(3);
    const fresh = await prober.post('/api/v1/auth/register', registration(20));
    expect(fresh.statusCode).toBe(429); // a client past the limit waits for its registrations too
    expect((await client().post('/api/v1/auth/register', registration(21, { uscc: takenUscc }))).json().code).toBe(
      'UNIT_ALREADY_REGISTERED',
    );
    expect(
      (await app.ctx.audit.list(20, 'unit.register_refused')).filter((e) => e.ip === prober.ip).length,
    ).toBeGreaterThanOrEqual(5);
    later(60 * 60 + 1);
    expect((await prober.post('/api/v1/auth/register', registration(22))).statusCode).toBe(200);
  });
});
