import { expect } from 'vitest';
import {
  defaultReviewRoundSettings,
  publicServicePlatformRubric2017,
  type CityPackageView,
  type ExpertRoundView,
  type ExpertView,
  type OneTimePasswordView,
  type ReviewRoundInput,
  type ReviewRoundView,
  type ScoreEntry,
} from '#contract';
import type { App } from '../src/http/app.js';
import { fillCompletely, makeReadyForRecommendation, registerUnit } from './applications.js';
import { TestClient } from './http.js';

/**
 * A review round over HTTP for the scoring tests (issue 15): applications received by the province, experts with
 * accounts, the round drawn and opened, the experts' 承诺书 signed.
 */

export const EXPERT_PASSWORD = 'Shenbao#Expert2026';

/** The scored items of the seeded weighted rubric (103号 style), whose weights sum to 1. */
export const scoredKeys = publicServicePlatformRubric2017.categories.flatMap((c) =>
  c.items.flatMap((i) => (i.scored ? [i.key] : [])),
);
/** A complete sheet of that rubric: every scored item at `points` (so the total is `points`) and the remark item. */
export const fullEntries = (points: number, remark = '服务功能较完善。'): ScoreEntry[] => [
  ...scoredKeys.map((itemKey) => ({ itemKey, points, remark: '' })),
  { itemKey: 'strengths_and_issues', remark },
];

export function expectOk(res: { statusCode: number; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
}

/** A unit of the city, its application submitted, recommended, the city's package submitted and accepted. */
export async function receivedApplication(
  app: App,
  province: TestClient,
  n: number,
  region: string,
  cityUser: string,
): Promise<string> {
  const city = await new TestClient(app).login(cityUser);
  const { client, id } = await registerUnit(app, n, region);
  await fillCompletely(client, id);
  expectOk(await client.post(`/api/v1/applications/${id}/submit`));
  await makeReadyForRecommendation(city, id);
  expectOk(await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' }));
  const submitted = await city.post('/api/v1/city/package/submit');
  expectOk(submitted);
  const { version } = submitted.json<CityPackageView>();
  expectOk(await province.post(`/api/v1/packages/${region}/accept`, { version }));
  return id;
}

/** A pool entry's input: from 郑州, a university, no relations. */
export const expertInput = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  unitName: `${name}所在大学`,
  unitUscc: null,
  cityCode: '410100',
  fields: ['企业管理'],
  phone: '13600000000',
  email: null,
  relations: [],
  active: true,
  ...over,
});

export interface PoolExpert {
  view: ExpertView;
  client: TestClient;
}

/** Adds an expert to the pool with an account (the system administrator's), password changed, signed in. */
export async function addExpert(
  app: App,
  province: TestClient,
  sysadmin: TestClient,
  key: string,
  over: Record<string, unknown> = {},
): Promise<PoolExpert> {
  const created = await province.post('/api/v1/experts', expertInput(`专家${key}`, over));
  expectOk(created, 201);
  const view = created.json<ExpertView>();
  const account = await sysadmin.post('/api/v1/admin/accounts', {
    username: `expert-${key}`,
    displayName: view.name,
    role: 'expert',
    expertId: view.id,
  });
  expectOk(account, 201);
  const { oneTimePassword } = account.json<OneTimePasswordView>();
  const client = await new TestClient(app).login(`expert-${key}`, oneTimePassword);
  expectOk(
    await client.post('/api/v1/account/password', { oldPassword: oneTimePassword, newPassword: EXPERT_PASSWORD }),
    204,
  );
  return { view, client };
}

export const roundInput = (applicationIds: string[], over: Partial<ReviewRoundInput> = {}): ReviewRoundInput => ({
  title: '2022年度示范平台专家评审',
  applicationIds,
  settings: {
    ...defaultReviewRoundSettings,
    expertsPerApplication: 3,
    maxLoadPerExpert: 10,
    grouping: { mode: 'groupCount', groupCount: 1 },
  },
  rubric: publicServicePlatformRubric2017,
  opensOn: '2026-11-25',
  closesOn: '2026-12-05',
  ...over,
});

/** Creates, draws and opens a round; every expert drawn signs the 承诺书. Answers the open round. */
export async function openRound(
  province: TestClient,
  experts: readonly PoolExpert[],
  input: ReviewRoundInput,
): Promise<ReviewRoundView> {
  const created = await province.post('/api/v1/review-rounds', input);
  expectOk(created, 201);
  let round = created.json<ReviewRoundView>();
  const drawn = await province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version });
  expectOk(drawn);
  round = drawn.json<ReviewRoundView>();
  const opened = await province.post(`/api/v1/review-rounds/${round.id}/open`, { version: round.version });
  expectOk(opened);
  round = opened.json<ReviewRoundView>();
  const drawnIds = new Set(round.groups.flatMap((g) => g.experts.map((e) => e.expertId)));
  for (const expert of experts.filter((e) => drawnIds.has(e.view.id))) {
    const mine = (await expert.client.get('/api/v1/expert/rounds')).json<{ rounds: ExpertRoundView[] }>().rounds;
    const textVersion = mine.find((r) => r.roundId === round.id)!.pledge.textVersion;
    expectOk(await expert.client.post(`/api/v1/expert/rounds/${round.id}/pledge`, { textVersion }));
  }
  return round;
}
