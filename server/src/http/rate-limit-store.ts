import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/database.js';

/** How often at most a process removes the rows of windows that have ended. */
const SWEEP_INTERVAL_MS = 60_000;

/** What the plugin gives a route's store: its options and the route. */
type RouteLimitOptions = FastifyRateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } };

/**
 * A store for @fastify/rate-limit that counts in the database (table `rate_limits`), so the server processes
 * on one database share each route's limit instead of each allowing it in full. A fixed window per route and
 * client: the first request of a window sets the count to 1, each further one adds 1, in one upsert that
 * returns the count (atomic on both databases). Windows are aligned to the epoch by wall time, as the
 * plugin's own stores count; a process whose clock lags counts in the later window another has opened.
 */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let nextSweep = 0;

  async function hit(scope: string, clientKey: string, timeWindow: number) {
    const now = Date.now();
    if (now >= nextSweep) {
      nextSweep = now + SWEEP_INTERVAL_MS;
      await db.deleteFrom('rate_limits').where('window_ends_at', '<=', now).execute();
    }
    const windowEndsAt = (Math.floor(now / timeWindow) + 1) * timeWindow;
    const row = await db
      .insertInto('rate_limits')
      .values({ scope, client_key: clientKey, window_ends_at: windowEndsAt, hits: 1 })
      .onConflict((oc) =>
        oc.columns(['scope', 'client_key']).doUpdateSet((eb) => {
          const current = eb('rate_limits.window_ends_at', '>=', windowEndsAt);
          return {
            hits: eb
              .case()
              .when(current)
              .then(eb('rate_limits.hits', '+', 1))
              .else(1)
              .end(),
            window_ends_at: eb.case().when(current).then(eb.ref('rate_limits.window_ends_at')).else(windowEndsAt).end(),
          };
        }),
      )
      .returning(['hits', 'window_ends_at'])
      .executeTakeFirstOrThrow();
    return { current: row.hits, ttl: row.window_ends_at - now };
  }

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly scope: string;

    constructor(options: RouteLimitOptions) {
      const method = options.routeInfo?.method ?? '';
      this.scope = `${[method].flat().join(',')} ${options.routeInfo?.url ?? ''}`;
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      hit(this.scope, key, timeWindow).then(
        (result) => callback(null, result),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: RouteLimitOptions): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  };
}
