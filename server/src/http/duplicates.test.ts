import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationListItem, ProvinceBoard, ReviewView } from '#contract';
import { findDuplicates } from '../domain/duplicates.js';
import { submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/**
 * Duplicates are found by the database (a platform name key written with every form, grouped on an index),
 * not by reading every form of the batch: the list's flags, the review's duplicates and the board's groups
 * must be exactly what the domain rule says over all forms. Names differ by white space and full-width forms
 * (NFKC), across cities.
 */
const NAMES = [
  '洛阳创新服务平台',
  '洛阳 创新服务平台',
  '洛阳创新服务平台　',
  '洛阳创新服务平台Ａ',
  '洛阳创新服务平台A',
  '南阳中小企业服务平台',
  '南阳中小企业 服务平台',
  '濮阳综合服务平台',
  '许昌技术服务平台',
];
const CITIES = ['410300', '411300', '410900'];

let app: App;
let province: TestClient;
const submitted: { id: string; name: string }[] = [];

beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  province = await new TestClient(app).login('province');
  for (let i = 0; i < 13; i++) {
    const name = NAMES[(i * 7) % NAMES.length]!;
    const { id } = await submittedApplication(app, CITIES[i % CITIES.length], { platformName: name });
    submitted.push({ id, name });
  }
}, 120_000);
afterAll(() => app.close());

describe('duplicates from indexed keys', () => {
  it('flags in the province list exactly the applications the domain rule pairs up', async () => {
    const items = (await province.get('/api/v1/applications')).json<{ items: ApplicationListItem[] }>().items;
    const mine = items.filter((i) => submitted.some((s) => s.id === i.id));
    expect(mine).toHaveLength(submitted.length);
    const expected = findDuplicates(items.map((i) => ({ id: i.id, uscc: i.uscc, platformName: i.platformName })));
    for (const item of items) expect(item.duplicate, item.platformName ?? '').toBe(expected.has(item.id));
    expect(mine.filter((i) => i.duplicate).length).toBeGreaterThan(5);
    expect(mine.filter((i) => !i.duplicate).length).toBeGreaterThan(0);
  });

  it('flags a city’s queue by duplicates in other cities too, and lists them in the review and on the board', async () => {
    const city = await new TestClient(app).login('nanyang');
    const queue = (await city.get('/api/v1/applications')).json<{ items: ApplicationListItem[] }>().items;
    const all = (await province.get('/api/v1/applications')).json<{ items: ApplicationListItem[] }>().items;
    const expected = findDuplicates(all.map((i) => ({ id: i.id, uscc: i.uscc, platformName: i.platformName })));
    expect(queue.length).toBeGreaterThan(0);
    for (const item of queue) {
      expect(item.duplicate).toBe(expected.has(item.id));
      const review = (await city.get(`/api/v1/applications/${item.id}/review`)).json<ReviewView>();
      const others = expected.get(item.id) ?? [];
      expect(review.duplicates).toHaveLength(others.length);
      for (const d of review.duplicates) if (d.applicationId !== null) expect(others).toContain(d.applicationId);
    }
    const board = (await province.get('/api/v1/province/board')).json<ProvinceBoard>();
    const grouped = board.duplicates.flatMap((g) => g.applications.map((a) => a.id)).sort();
    expect(grouped).toEqual([...expected.keys()].sort());
  });
});
