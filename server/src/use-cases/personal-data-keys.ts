import type { EncryptionPass } from '../repositories/personal-data-repository.js';
import { ENCRYPTED_COLUMNS } from '../repositories/personal-fields.js';
import type { Context } from './context.js';

/** Rows rewritten per transaction (with one audit entry), so a large roster table never holds the write lock long. */
const ROWS_PER_TRANSACTION = 500;

/**
 * Compares DATA_KEY with the key registry before any value is read or written. A key id the database
 * knows must come with the same key (its check value), and a key id the database still holds values of
 * cannot be left out: both stop the start with a message saying what to do, instead of failing on every
 * page that shows a phone. Key ids new to the database are recorded; ids no value uses any more and
 * that DATA_KEY no longer lists are retired. Changes to the registry are audited.
 */
async function checkDataKeys(ctx: Context, actorName: string): Promise<void> {
  const recorded = new Map((await ctx.personalData.listKeys()).map((k) => [k.id, k.check_value]));
  const configured = ctx.cipher.keyChecks();
  for (const { keyId, check } of configured) {
    const known = recorded.get(keyId);
    if (known !== undefined && known !== check) {
      throw new Error(
        `DATA_KEY 中的密钥 ${keyId} 不是数据库里用这个编号加密个人数据的那个密钥：请改回原来的密钥（新密钥须用新的编号）`,
      );
    }
  }
  const retired: string[] = [];
  for (const id of recorded.keys()) {
    if (configured.some((k) => k.keyId === id)) continue;
    const inUse = await ctx.personalData.countUsing(id);
    if (inUse > 0) {
      throw new Error(
        `数据库中有 ${inUse} 条记录的个人数据仍用密钥 ${id} 加密，DATA_KEY 中却没有它：请把它加回 DATA_KEY（轮换密钥时，先用新旧两个密钥运行 npm run cli -- rekey-personal-data，再移除旧密钥）`,
      );
    }
    retired.push(id);
  }
  const added = configured.filter((k) => !recorded.has(k.keyId));
  if (!added.length && !retired.length) return;
  await ctx.transaction(async (tx) => {
    const now = tx.clock.now();
    for (const k of added) await tx.personalData.recordKey(k.keyId, k.check, now);
    for (const id of retired) await tx.personalData.forgetKey(id);
    await tx.audit.record(
      {
        actorUserId: null,
        actorName,
        ip: null,
        action: 'personal_data.keys',
        detail: { added: added.map((k) => k.keyId), retired },
      },
      now,
    );
  });
}

/** Rows rewritten per encrypted column (`table.column`). */
export type EncryptionReport = Record<string, number>;

async function encryptAll(
  ctx: Context,
  pass: EncryptionPass,
  action: string,
  actorName: string,
): Promise<EncryptionReport> {
  const report: EncryptionReport = {};
  for (const column of ENCRYPTED_COLUMNS) {
    let after: unknown[] | null = null;
    let rows = 0;
    do {
      const page = await ctx.transaction(async (tx) => {
        const p = await tx.personalData.encryptPage(column, pass, after, ROWS_PER_TRANSACTION);
        if (p.changed) {
          await tx.audit.record(
            {
              actorUserId: null,
              actorName,
              ip: null,
              action,
              detail: { column: column.name, rows: p.changed, keyId: tx.cipher.currentKeyId },
            },
            tx.clock.now(),
          );
        }
        return p;
      });
      rows += page.changed;
      after = page.last;
    } while (after);
    report[column.name] = rows;
  }
  return report;
}

/**
 * The start-up step after the migrations: checks DATA_KEY against the database, then encrypts every
 * personal value still stored in clear (written before encryption at rest existed). Idempotent: a value
 * that is encrypted is left as it is. Each transaction of at most ROWS_PER_TRANSACTION rows is audited
 * as `personal_data.encrypt` with its count. When it encrypted anything, the file is compacted, so the
 * values in clear (and those of rows deleted before) are gone from its free space too. Returns the
 * number of rows encrypted.
 */
export async function encryptPersonalData(ctx: Context): Promise<number> {
  await checkDataKeys(ctx, 'system');
  const report = await encryptAll(ctx, 'plaintext', 'personal_data.encrypt', 'system');
  const rows = Object.values(report).reduce((a, b) => a + b, 0);
  if (rows) await ctx.personalData.compact();
  return rows;
}

export interface RekeyReport {
  keyId: string;
  columns: EncryptionReport;
  /** The other keys in DATA_KEY, and how many rows still use each (0: it can be removed). */
  otherKeys: { keyId: string; rows: number }[];
}

/**
 * Re-encrypts every personal value that is not encrypted with the current key (the first in DATA_KEY),
 * so the others can then be removed from DATA_KEY. Audited as `personal_data.rekey` per transaction.
 * Rows a server still running with an older key first wrote meanwhile show up in `otherKeys`.
 */
export async function rekeyPersonalData(ctx: Context, actorName: string): Promise<RekeyReport> {
  await checkDataKeys(ctx, actorName);
  const columns = await encryptAll(ctx, 'rekey', 'personal_data.rekey', actorName);
  const otherKeys = [];
  for (const { keyId } of ctx.cipher.keyChecks().slice(1))
    otherKeys.push({ keyId, rows: await ctx.personalData.countUsing(keyId) });
  return { keyId: ctx.cipher.currentKeyId, columns, otherKeys };
}
