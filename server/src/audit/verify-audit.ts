import type { Db } from '../db/database.js';
import {
  AuditRepository,
  type AuditHead,
  type AuditRow,
  type ChainPosition,
} from '../repositories/audit-repository.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';

/** The first entry that breaks the chain; `id` is null where the entry is missing (a cut-off tail). */
export interface AuditBreak {
  seq: number | null;
  id: string | null;
  reason: string;
}

export type AuditVerification =
  { ok: true; verifiedThrough: number } | { ok: false; verifiedThrough: number; brokenAt: AuditBreak };

export const reasons = {
  modified: '内容被修改',
  duplicate: '序号重复',
  invalidSeq: '序号无效',
  headMissing: '链尾记录缺失',
  unchained: '记录缺少序号，不在链中',
} as const;

const gap = (from: number, to: number) => `序号缺失：第 ${from === to ? from : `${from}–${to}`} 条不存在`;

/**
 * Walks the log in (seq, id) order, a page at a time, and checks that seq runs 1…N without gaps or
 * duplicates, that every hash is SM3 of the previous one and the entry, and that the head row names the
 * last entry. Answers the first entry that breaks. Entries appended while it runs are verified too: the
 * walk stops at the head it read, then reads the head again and goes on while it has moved.
 * `verifiedThrough` counts the entries, from the first, that are known intact.
 */
export async function verifyAuditChain(db: Db, options: { pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  const log = new AuditRepository(db);
  let verified = 0;
  let previousHash = GENESIS_HASH;
  let lastId: string | null = null;
  let position: ChainPosition | null = null;
  /** An entry whose hash failed: modified, or one of two with its seq, which the next entry tells. */
  let suspect: AuditRow | null = null;
  const broken = (seq: number | null, id: string | null, reason: string): AuditVerification => ({
    ok: false,
    verifiedThrough: verified,
    brokenAt: { seq, id, reason },
  });

  const check = (row: AuditRow): AuditVerification | null => {
    if (suspect) return broken(suspect.seq, suspect.id, row.seq === suspect.seq ? reasons.duplicate : reasons.modified);
    const expected = verified + 1;
    if (!Number.isInteger(row.seq) || row.seq < 1) return broken(row.seq, row.id, reasons.invalidSeq);
    if (row.seq < expected) return broken(row.seq, row.id, reasons.duplicate);
    if (row.seq > expected) return broken(row.seq, row.id, gap(expected, row.seq - 1));
    if (row.hash !== chainHash(previousHash, row)) {
      suspect = row;
      return null;
    }
    verified = row.seq;
    previousHash = row.hash;
    lastId = row.id;
    return null;
  };

  /** Checks every entry up to the head's seq (all of them without a head). */
  const walk = async (head: AuditHead | undefined): Promise<AuditVerification | null> => {
    for (;;) {
      const page = await log.chainPage(position, head ? head.seq : null, pageSize);
      for (const row of page) {
        const found = check(row);
        if (found) return found;
        position = { seq: row.seq, id: row.id };
      }
      if (page.length < pageSize) break;
    }
    return suspect ? broken(suspect.seq, suspect.id, reasons.modified) : null;
  };

  let head = await log.head();
  for (;;) {
    const found = await walk(head);
    if (found) return found;
    if (!head) return broken(verified + 1, null, `${reasons.headMissing}，无法确认最新的记录未被删除`);
    if (verified < head.seq)
      return broken(verified + 1, null, `链尾与记录不符：链尾为第 ${head.seq} 条，记录只到第 ${verified} 条`);
    if (head.hash !== previousHash) {
      // The last entry may have been rewritten with a recomputed hash: only the head can tell, so it is not counted.
      verified = Math.max(0, verified - 1);
      return broken(head.seq, lastId, `链尾与记录不符：链尾哈希与第 ${head.seq} 条不一致`);
    }
    const beyond = await log.firstAfter(head.seq);
    const now = await log.head();
    if (now && now.seq > head.seq) {
      head = now;
      continue;
    }
    if (!now || now.seq !== head.seq || now.hash !== head.hash)
      return broken(head.seq, lastId, '链尾与记录不符：链尾在校验期间被改动');
    if (beyond)
      return broken(beyond.seq, beyond.id, `链尾与记录不符：第 ${beyond.seq} 条在链尾（第 ${head.seq} 条）之后`);
    break;
  }
  const unchained = await log.firstUnchained();
  if (unchained) return broken(null, unchained.id, reasons.unchained);
  return { ok: true, verifiedThrough: verified };
}

/** The break in words, for the command line: 第 12 条（记录 …）：内容被修改 */
export function describeBreak(b: AuditBreak): string {
  const where = b.seq === null ? '一条记录' : `第 ${b.seq} 条`;
  return `${where}${b.id ? `（记录 ${b.id}）` : ''}：${b.reason}`;
}
