import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.js';
import { buildApp } from '../server/src/http/app.js';
import { announceListening } from './child-server.js';

/**
 * The Shenbao server exactly as server/src/main.ts builds it, configured from the environment the
 * bench process passes (fresh DATA_DIR, demo accounts, LOG_LEVEL=silent, PORT=0), reporting its port.
 * BENCH_EVIDENCE_MAX_MB raises every evidence type's own size limit in the batches (the notice's limits are
 * tens of MB; part b uploads a gigabyte), as a system administrator would in the batch's configuration.
 */
const config = loadConfig();
const app = await buildApp({ config });
const evidenceMaxMb = Number(process.env.BENCH_EVIDENCE_MAX_MB ?? 0);
if (evidenceMaxMb > 0) {
  for (const batch of await app.ctx.db.selectFrom('batches').select(['id', 'config']).execute()) {
    const parsed = JSON.parse(batch.config) as { evidenceTypes: { maxMb?: number }[] };
    for (const type of parsed.evidenceTypes) type.maxMb = evidenceMaxMb;
    await app.ctx.db
      .updateTable('batches')
      .set({ config: JSON.stringify(parsed), version: sql`version + 1` })
      .where('id', '=', batch.id)
      .execute();
  }
}
await app.listen({ port: config.port, host: config.host });
announceListening(app);
