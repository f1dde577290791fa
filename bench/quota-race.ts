import type { CityPackageView } from '#contract';
import { DEMO_PASSWORD } from '../server/src/seed/seed.js';
import type { ChildServer } from './child-server.js';
import type { QuotaFixture } from './fixture-protocol.js';
import { logIn } from './http-load.js';
import { CpuMeter } from './proc.js';
import { burstAgent, getJson, percentile, timedPost } from './timed-request.js';

export interface QuotaRaceFigures {
  requests: number;
  limit: number;
  /** Quota slots free before the race: the number of recommendations that must succeed. */
  freeSlots: number;
  accepted: number;
  exhausted: number;
  serverErrors: number;
  /** Any other answer (socket error, another 4xx or 409 code), by "status code". */
  other: Map<string, number>;
  /** Quota slots in use after the race, as the city's package reports them. */
  usedAfter: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU seconds the server used from the first request sent to the last answer. */
  serverCpuSeconds: number;
  prepSeconds: number;
}

/**
 * (c) The city's official sends one recommendation into the quota for each of the prepared ready
 * applications, all at once, each on its own connection. Exactly the free slots may succeed; every
 * other request must be refused with QUOTA_EXHAUSTED, and none may fail with a 5xx.
 */
export async function runQuotaRace(server: ChildServer<QuotaFixture>): Promise<QuotaRaceFigures> {
  const { fixture } = server;
  const session = await logIn(server.url, fixture.cityUsername, DEMO_PASSWORD);
  const before = await getJson<CityPackageView>(server.url, '/api/v1/city/package', session);
  const freeSlots = before.quota.limit - before.quota.used;

  const agent = burstAgent();
  const cpu = new CpuMeter(server.pid);
  const results = await Promise.all(
    fixture.applicationIds.map((id) =>
      timedPost(agent, server.url, `/api/v1/applications/${id}/recommendation`, session, { channel: 'quota' }),
    ),
  );
  const serverCpuSeconds = cpu.read().other;
  agent.destroy();

  let accepted = 0;
  let exhausted = 0;
  let serverErrors = 0;
  const other = new Map<string, number>();
  for (const r of results) {
    if (r.status === 200) accepted += 1;
    else if (r.status === 409 && r.code === 'QUOTA_EXHAUSTED') exhausted += 1;
    else if (r.status >= 500) serverErrors += 1;
    else {
      const key = r.status === 0 ? `socket error ${r.error ?? ''}` : `${r.status} ${r.code ?? ''}`;
      other.set(key, (other.get(key) ?? 0) + 1);
    }
  }
  const after = await getJson<CityPackageView>(server.url, '/api/v1/city/package', session);
  const latencies = results.map((r) => r.latencyMs);
  return {
    requests: results.length,
    limit: before.quota.limit,
    freeSlots,
    accepted,
    exhausted,
    serverErrors,
    other,
    usedAfter: after.quota.used,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    serverCpuSeconds,
    prepSeconds: fixture.prepSeconds,
  };
}
