import type { FastifyBaseLogger } from 'fastify';
import { FileDigester } from '../storage/file-digester.js';
import type { Context } from '../use-cases/context.js';
import { expireRecognitions } from '../use-cases/expire-recognitions.js';
import { scrubFiles } from '../use-cases/scrub-files.js';
import { sweepExpiredSessions } from '../use-cases/sweep-expired-sessions.js';
import { sweepFiles } from '../use-cases/sweep-files.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_SWEEP_MS = 10 * 60 * 1000;
const FIRST_FILE_SWEEP_MS = 10 * 60 * 1000;

export interface Maintenance {
  stop(): Promise<void>;
}

/**
 * The server's background upkeep: the file sweep 10 minutes after start and daily, expired session rows
 * removed at start and every ten minutes, recognitions past their validity expired (or renewed, after 复核) at start
 * and every ten minutes, and the scrub every `scrubIntervalSeconds` over at most
 * `scrubBytesPerRound` (with a digest worker of its own, so uploads' digests never wait behind it). Jobs
 * run one at a time, and a job already waiting or running is not queued again; failures are logged.
 */
export function startMaintenance(ctx: Context, log: FastifyBaseLogger): Maintenance {
  const scrubDigester = new FileDigester();
  const timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const queued = new Set<string>();

  /** Runs one job after the other; a job already waiting or running is not queued again, so slow rounds never pile up. */
  const runExclusive = (name: string, job: () => Promise<unknown>) => {
    if (stopped || queued.has(name)) return;
    queued.add(name);
    running = running.then(async () => {
      try {
        if (stopped) return;
        const result = await job();
        log.debug({ job: name, result }, 'maintenance job done');
      } catch (err) {
        log.error({ err, job: name }, 'maintenance job failed');
      } finally {
        queued.delete(name);
      }
    });
  };

  const sweep = () =>
    runExclusive('sweep', async () => {
      const report = await sweepFiles(ctx);
      if (report.removed) {
        log.info(
          {
            orphanBlobs: report.orphanBlobs.length,
            staleStaging: report.staleStaging.length,
            unattachedAgreements: report.unattachedAgreements.length,
          },
          '已清理无引用的文件',
        );
      }
    });
  const scrub = () =>
    runExclusive('scrub', async () => {
      const report = await scrubFiles(ctx, scrubDigester, { maxFiles: 1000, maxBytes: ctx.config.scrubBytesPerRound });
      for (const f of report.failed)
        log.error(
          { fileId: f.fileId, applicationId: f.applicationId, reason: f.reason },
          `材料“${f.name}”未通过完整性校验`,
        );
    });

  const sessions = () =>
    runExclusive('sessions', async () => {
      const removed = await sweepExpiredSessions(ctx);
      if (removed) log.info({ removed }, '已清除过期的会话');
    });

  const recognitions = () =>
    runExclusive('recognitions', async () => {
      const changed = await expireRecognitions(ctx);
      if (changed.expired || changed.renewed) log.info(changed, '示范平台认定有效期届满');
    });

  sessions();
  recognitions();
  // The file sweep lists the whole store: not at every start (a restart loop would repeat it), a while after.
  const firstSweep = setTimeout(sweep, FIRST_FILE_SWEEP_MS);
  firstSweep.unref();
  timers.push(setInterval(sweep, DAY_MS));
  timers.push(setInterval(sessions, SESSION_SWEEP_MS));
  timers.push(setInterval(recognitions, SESSION_SWEEP_MS));
  if (ctx.config.scrubIntervalSeconds > 0) timers.push(setInterval(scrub, ctx.config.scrubIntervalSeconds * 1000));
  for (const t of timers) t.unref();

  return {
    async stop() {
      stopped = true;
      clearTimeout(firstSweep);
      for (const t of timers) clearInterval(t);
      await running;
      await scrubDigester.close();
    },
  };
}
