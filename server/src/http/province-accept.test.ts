import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAuditFailing } from '../../test-support/audit-failing.js';
import type { ApplicationView, CityPackageView, OneTimePasswordView, ProvinceBoard } from '#contract';
import { fixedClock } from '../domain/clock.js';
import type { Actor } from '../policies/policy.js';
import { acceptCityPackage } from '../use-cases/accept-city-package.js';
import { returnCityPackage } from '../use-cases/return-city-package.js';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let province: TestClient;
beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 1000, notifyIntervalSeconds: 0 } });
  province = await new TestClient(app).login('province');
});
afterAll(async () => app.close());

const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
const day = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date(iso));

/** A city with one recommended platform that has submitted its package: its official and the applicant. */
async function submittedPackage(authorityCode: string, city: TestClient) {
  const applicant = await submittedApplication(app, authorityCode);
  await makeReadyForRecommendation(city, applicant.id);
  const recommended = await city.post(`/api/v1/applications/${applicant.id}/recommendation`, { channel: 'quota' });
  expect(recommended.statusCode, recommended.body).toBe(200);
  const submitted = await city.post('/api/v1/city/package/submit');
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { city, applicant, version: submitted.json<CityPackageView>().version };
}

const auditOf = (authorityCode: string) =>
  app.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'package.accept')
    .where('target_id', '=', authorityCode)
    .execute();
const eventsOf = async (authorityCode: string) =>
  (
    await app.ctx.db
      .selectFrom('notification_events')
      .select('payload')
      .where('kind', '=', 'package.accepted')
      .execute()
  )
    .map((e) => JSON.parse(e.payload) as { authorityCode: string })
    .filter((e) => e.authorityCode === authorityCode);
const packageRow = async (authorityCode: string) =>
  (await app.ctx.db
    .selectFrom('city_packages')
    .selectAll()
    .where('authority_code', '=', authorityCode)
    .executeTakeFirstOrThrow())!;

/** An official created by the system administrator, password changed, ready to work. */
async function newOfficial(username: string, role: 'province' | 'city', authorityCode?: string): Promise<TestClient> {
  const admin = await new TestClient(app).login('sysadmin');
  const created = await admin.post('/api/v1/admin/accounts', {
    username,
    displayName: `${username}科员`,
    role,
    ...(authorityCode ? { authorityCode } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  const { account, oneTimePassword } = created.json<OneTimePasswordView>();
  const owner = await new TestClient(app).login(account.username, oneTimePassword);
  const changed = await owner.post('/api/v1/account/password', {
    oldPassword: oneTimePassword,
    newPassword: 'Shenbao#Accept2022',
  });
  expect(changed.statusCode, changed.body).toBe(204);
  return owner;
}
let secondProvince: Promise<TestClient> | undefined;
/** A second province official besides the demo one. */
const otherProvinceOfficial = () => (secondProvince ??= newOfficial('province2', 'province'));

/** A province official as the use cases see one (the race below calls them directly, without HTTP in between). */
async function provinceActor(username: string): Promise<Actor> {
  const u = (await app.ctx.users.findByUsername(username))!;
  return { userId: u.id, username, displayName: u.display_name, role: 'province', unitId: null, authorityCode: null };
}
const origin = { ip: '127.0.0.1' };
/** Settles every promise; the refusals' messages in place of a view. */
const settle = (calls: Promise<CityPackageView>[]) =>
  Promise.all(
    calls.map((c) =>
      c.then(
        (v) => v,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      ),
    ),
  );

describe('省级受理', () => {
  it('accepts the submitted version once, audited; then no return, no resubmission; city, board and timeline show it', async () => {
    const { city, applicant, version } = await submittedPackage('410300', await new TestClient(app).login('luoyang'));
    const before = (await city.get('/api/v1/city/package')).json<CityPackageView>();
    expect(before).toMatchObject({ state: 'submitted', acceptedAt: null });

    const stale = await province.post('/api/v1/packages/410300/accept', { version: version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe(`该市推荐材料已更新为第 ${version} 次报送，请查看后再受理`);
    expect(await auditOf('410300')).toHaveLength(0);

    later(60_000);
    const accepted = await province.post('/api/v1/packages/410300/accept', { version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const at = clock.now().toISOString();
    expect(accepted.json<CityPackageView>()).toMatchObject({ state: 'submitted', acceptedAt: at, canSubmit: false });
    const [entry, ...more] = await auditOf('410300');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor_name: 'province',
      target_type: 'package',
      detail: JSON.stringify({ version }),
    });
    expect(await packageRow('410300')).toMatchObject({
      accepted_at: at,
      accepted_version: version,
      status: 'submitted',
    });

    const again = await province.post('/api/v1/packages/410300/accept', { version });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: `该市推荐材料已于${day(at)}受理，无需重复受理`,
    });
    const returned = await province.post('/api/v1/packages/410300/return', { remarks: '请补充盖章页' });
    expect(returned.statusCode).toBe(409);
    expect(returned.json().message).toBe(`该市推荐材料已于${day(at)}受理，不能退回`);
    const resubmitted = await city.post('/api/v1/city/package/submit');
    expect(resubmitted.statusCode).toBe(409);
    expect(resubmitted.json().message).toBe(`省工业和信息化厅已于${day(at)}受理本市推荐材料，不能再报送`);
    expect(await auditOf('410300')).toHaveLength(1);

    expect((await city.get('/api/v1/city/package')).json<CityPackageView>()).toMatchObject({ acceptedAt: at });
    const board = (await province.get('/api/v1/province/board')).json<ProvinceBoard>();
    expect(board.cities.find((c) => c.authorityCode === '410300')).toMatchObject({
      state: 'submitted',
      acceptedAt: at,
    });
    expect(board.cities.find((c) => c.authorityCode === '411300')).toMatchObject({ acceptedAt: null });
    // The board reads all packages of the batch at once; each city's line says what that package's own view says.
    expect(board.cities.filter((c) => c.version !== null).length).toBeGreaterThan(0);
    for (const line of board.cities) {
      const own = (await province.get(`/api/v1/packages/${line.authorityCode}`)).json<CityPackageView>();
      const { state, submittedAt, version, acceptedAt, exception, quota } = own;
      expect(line, line.authorityCode).toMatchObject({ state, submittedAt, version, acceptedAt, exception, quota });
      expect(line.counts.quota + line.counts.designated_area + line.counts.lab).toBe(own.recommended.length);
    }
    const progress = (await applicant.client.get('/api/v1/my/application')).json<ApplicationView>().progress;
    expect(progress.steps.at(-1)).toMatchObject({ key: 'province', label: '省级受理', state: 'done', at });
    expect(progress.steps.at(-1)!.note).toContain('专家评审');
  });

  it('refuses a city official, an applicant and the administrators, and a package never submitted', async () => {
    const applicant = await submittedApplication(app, '411300');
    for (const user of ['luoyang', 'nanyang', 'sysadmin', 'secadmin', 'auditadmin']) {
      const res = await (await new TestClient(app).login(user)).post('/api/v1/packages/411300/accept', { version: 1 });
      expect(res.statusCode, user).toBe(403);
    }
    expect((await applicant.client.post('/api/v1/packages/411300/accept', { version: 1 })).statusCode).toBe(403);
    expect((await new TestClient(app).post('/api/v1/packages/411300/accept', { version: 1 })).statusCode).toBe(401);
    const never = await province.post('/api/v1/packages/411300/accept', { version: 1 });
    expect(never.statusCode).toBe(409);
    expect(never.json().message).toBe('该市尚未报送推荐材料');
    expect((await province.post('/api/v1/packages/411300/accept', { version: 0 })).statusCode).toBe(400);
    expect(await auditOf('411300')).toHaveLength(0);
  });

  it('does not accept when its audit entry cannot be written, and does once the log is back', async () => {
    const { version } = await submittedPackage('410900', await new TestClient(app).login('puyang'));
    await withAuditFailing(app.ctx.db, async () => {
      expect((await province.post('/api/v1/packages/410900/accept', { version })).statusCode).toBe(500);
    });
    expect(await packageRow('410900')).toMatchObject({ accepted_at: null, accepted_by: null });
    expect(await eventsOf('410900')).toEqual([]);
    expect((await province.post('/api/v1/packages/410900/accept', { version })).statusCode).toBe(200);
    expect(await auditOf('410900')).toHaveLength(1);
    expect(await eventsOf('410900')).toHaveLength(1);
  });

  it('lets exactly one of eight parallel accepts by two province officials through, with one audit entry', async () => {
    const { version } = await submittedPackage('411300', await new TestClient(app).login('nanyang'));
    const other = await otherProvinceOfficial();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? other : province).post('/api/v1/packages/411300/accept', { version }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const acceptedAt = answers.find((a) => a.statusCode === 200)!.json<CityPackageView>().acceptedAt!;
    for (const refused of answers.filter((a) => a.statusCode === 409))
      expect(refused.json().message).toBe(`该市推荐材料已于${day(acceptedAt)}受理，无需重复受理`);
    expect(await auditOf('411300')).toHaveLength(1);
    expect(await eventsOf('411300')).toHaveLength(1);

    // Over HTTP the session hook's queries tend to queue the requests one after another; called directly,
    // all eight read the package before any writes it, so the conditional UPDATE alone decides.
    const kaifeng = await submittedPackage('410200', await newOfficial('kaifeng', 'city', '410200'));
    const actors = [await provinceActor('province'), await provinceActor('province2')];
    const results = await settle(
      Array.from({ length: 8 }, (_, i) =>
        acceptCityPackage(app.ctx, actors[i % 2]!, '410200', kaifeng.version, origin),
      ),
    );
    expect(results.filter((r) => !(r instanceof Error))).toHaveLength(1);
    const acceptedOnce = (await packageRow('410200')).accepted_at!;
    expect(results.filter((r) => r instanceof Error).map((e) => (e as Error).message)).toEqual(
      Array.from({ length: 7 }, () => `该市推荐材料已于${day(acceptedOnce)}受理，无需重复受理`),
    );
    expect(await auditOf('410200')).toHaveLength(1);
    expect(await eventsOf('410200')).toHaveLength(1);
  });

  it('ends a return and an accept sent at once in exactly one of the two', async () => {
    const { city, version } = await submittedPackage('410100', await new TestClient(app).login('zhengzhou'));
    const other = await otherProvinceOfficial();
    const [returned, accepted] = await Promise.all([
      province.post('/api/v1/packages/410100/return', { remarks: '请补充盖章页' }),
      other.post('/api/v1/packages/410100/accept', { version }),
    ]);
    expect([returned.statusCode, accepted.statusCode].sort()).toEqual([200, 409]);
    const row = await packageRow('410100');
    if (accepted.statusCode === 200) {
      expect(row).toMatchObject({ status: 'submitted', accepted_version: version });
      expect(returned.json().message).toContain('受理，不能退回');
      expect((await city.post('/api/v1/city/package/submit')).statusCode).toBe(409);
    } else {
      expect(row).toMatchObject({ status: 'returned', accepted_at: null });
      expect(accepted.json().message).toBe('该市推荐材料已退回，待重新报送后才能受理');
    }
    expect(await auditOf('410100')).toHaveLength(accepted.statusCode === 200 ? 1 : 0);

    // Called directly, both read the submitted package before either writes, so the conditional UPDATEs
    // decide; whichever reaches the database first wins (on PostgreSQL not always the one started first), so the
    // race runs in alternating orders until an accept has won (after a return the city submits again).
    const pingdingshan = await submittedPackage('410400', await newOfficial('pingdingshan', 'city', '410400'));
    const [first, second] = [await provinceActor('province'), await provinceActor('province2')];
    const winners: string[] = [];
    for (let round = 0; round < 8; round++) {
      const acceptFirst = round % 2 === 1;
      const { version } = await app.ctx.recommendations.findPackage('2022-demo', '410400').then((p) => p!);
      const race = {
        return: () => returnCityPackage(app.ctx, first, '410400', '请补充盖章页', origin),
        accept: () => acceptCityPackage(app.ctx, second, '410400', version, origin),
      };
      const [a, b] = await settle(acceptFirst ? [race.accept(), race.return()] : [race.return(), race.accept()]);
      const [byAccept, byReturn] = acceptFirst ? [a, b] : [b, a];
      expect([byReturn, byAccept].filter((r) => r instanceof Error)).toHaveLength(1);
      const raced = await packageRow('410400');
      if (byAccept instanceof Error) {
        winners.push('return');
        expect(raced).toMatchObject({ status: 'returned', accepted_at: null });
        expect(byAccept.message).toBe('该市推荐材料已退回，待重新报送后才能受理');
        later(60_000);
        expect((await pingdingshan.city.post('/api/v1/city/package/submit')).statusCode).toBe(200);
      } else {
        winners.push('accept');
        expect(raced).toMatchObject({ status: 'submitted', accepted_version: version });
        expect((byReturn as Error).message).toBe(`该市推荐材料已于${day(raced.accepted_at!)}受理，不能退回`);
        break;
      }
    }
    expect(winners.at(-1)).toBe('accept');
  });

  it('accepts a package received late inside an exception, after the exception has ended: the deadline judged receipt', async () => {
    const batch = (await app.ctx.references.findBatch('2022-demo'))!;
    const cityDeadline = Date.parse(batch.config.cityDeadline);
    const city = await newOfficial('anyang', 'city', '410500');
    const applicant = await submittedApplication(app, '410500');
    await makeReadyForRecommendation(city, applicant.id);
    expect(
      (await city.post(`/api/v1/applications/${applicant.id}/recommendation`, { channel: 'quota' })).statusCode,
    ).toBe(200);
    clock.set(new Date(cityDeadline + 3_600_000));
    const official = await new TestClient(app).login('province');
    const anyang = await new TestClient(app).login('anyang', 'Shenbao#Accept2022');
    expect((await anyang.post('/api/v1/city/package/submit')).json().code).toBe('DEADLINE_PASSED');
    const endsAt = new Date(cityDeadline + 86_400_000).toISOString();
    const granted = await official.post('/api/v1/packages/410500/exception', { reason: '系统故障，准予延期', endsAt });
    expect(granted.statusCode, granted.body).toBe(200);
    const submitted = await anyang.post('/api/v1/city/package/submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    clock.set(new Date(cityDeadline + 2 * 86_400_000));
    const accepted = await (
      await new TestClient(app).login('province')
    ).post('/api/v1/packages/410500/accept', {
      version: submitted.json().version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<CityPackageView>().acceptedAt).toBe(clock.now().toISOString());
  });
});
