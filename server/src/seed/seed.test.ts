import { describe, expect, it } from 'vitest';
import { isValidUscc } from '#contract';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { demoAccounts } from './seed.js';

describe('demo accounts', () => {
  it('give every demo unit a valid USCC', () => {
    for (const a of demoAccounts) if (a.unit) expect(isValidUscc(a.unit.uscc), a.unit.uscc).toBe(true);
  });
});

describe('demo data', () => {
  it('has submitted applications waiting at 洛阳 and, through 航空港区, at 郑州', async () => {
    const app = await createTestApp();
    try {
      for (const [city, unit] of [
        ['luoyang', '洛阳慧智中小企业服务有限公司'],
        ['zhengzhou', '郑州航空港区中小企业综合服务有限公司'],
      ] as const) {
        const c = await new TestClient(app).login(city);
        const items = (await c.get('/api/v1/applications')).json().items as {
          unitName: string;
          status: string;
          eligible: boolean;
        }[];
        expect(items.find((i) => i.unitName === unit)).toMatchObject({ status: 'submitted', eligible: true });
      }
    } finally {
      await app.close();
    }
  });

  it('has an expert pool and a demo expert who signs in without a second factor', async () => {
    const app = await createTestApp({ config: { demoExpertPool: true } });
    try {
      const province = await new TestClient(app).login('province');
      const experts = (await province.get('/api/v1/experts')).json().experts as { name: string; cityCode: string }[];
      expect(experts.length).toBeGreaterThanOrEqual(7);
      expect(new Set(experts.map((e) => e.cityCode)).size).toBeGreaterThanOrEqual(5);
      const expert = await new TestClient(app).login('expert');
      const rounds = await expert.get('/api/v1/expert/rounds');
      expect(rounds.statusCode).toBe(200);
      expect(rounds.json()).toEqual({ rounds: [] });
    } finally {
      await app.close();
    }
  });
});
