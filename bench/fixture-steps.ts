import { randomUUID } from 'node:crypto';
import type { App } from '../server/src/http/app.js';
import { DEMO_PASSWORD } from '../server/src/seed/seed.js';
import type { TestClient } from '../server/test-support/http.js';
import type { SessionCredentials } from './fixture-protocol.js';

/** Steps the fixture preparations share (bench/fixture-server.ts, bench/growth-fixture.ts). */

/** Registrations and fills over inject run a few at a time (argon2 runs on the libuv pool). */
export const PREP_CONCURRENCY = 4;

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function credentials(c: TestClient): SessionCredentials {
  if (!c.cookie || !c.csrfToken) throw new Error('the test client holds no session');
  return { cookie: c.cookie, csrfToken: c.csrfToken };
}

export const secondsSince = (start: number) => (performance.now() - start) / 1000;

export interface CityAccount {
  authorityCode: string;
  name: string;
  username: string;
  /** A region whose applications this city reviews. */
  regionCode: string;
}

/**
 * One official account per city that reviews a region by default (not the airport authority, which
 * reviews only where a batch routes its region to it): the demo ones where they exist, a bench account
 * (argon2 hash, like the seed) elsewhere, with the first region each reviews.
 */
export async function cityAccounts(app: App): Promise<{ accounts: CityAccount[]; created: number }> {
  const { db, passwords, references, users } = app.ctx;
  const regions = await db.selectFrom('regions').select(['code', 'authority_code']).orderBy('sort_order').execute();
  const cities = (await references.listAuthorities()).filter(
    (a) => a.kind === 'city' && regions.some((r) => r.authority_code === a.code),
  );
  const existing = await db
    .selectFrom('users')
    .select(['username', 'authority_code'])
    .where('role', '=', 'city')
    .execute();
  const passwordHash = await passwords.hash(DEMO_PASSWORD);
  let created = 0;
  const accounts: CityAccount[] = [];
  for (const city of cities) {
    let username = existing.find((u) => u.authority_code === city.code)?.username;
    if (!username) {
      username = `bench-city-${city.code}`;
      await users.insertUser({
        id: randomUUID(),
        username,
        password_hash: passwordHash,
        role: 'city',
        display_name: `${city.name}工业和信息化局`,
        unit_id: null,
        authority_code: city.code,
        created_at: new Date().toISOString(),
      });
      created += 1;
    }
    const regionCode = regions.find((r) => r.authority_code === city.code)!.code;
    accounts.push({ authorityCode: city.code, name: city.name, username, regionCode });
  }
  return { accounts, created };
}
