import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testOnPostgres } from '../../test-support/postgres.js';
import { openSqlite } from '../db/database.js';
import { fixedClock } from '../domain/clock.js';
import type { AuditRow } from '../repositories/audit-repository.js';
import { uploadEvidenceFile } from '../../test-support/applications.js';
import { tinyPdf } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { canonicalEntry, chainHash, GENESIS_HASH, type ChainedEntry } from './audit-chain.js';
import { reasons, verifyAuditChain, type AuditVerification } from './verify-audit.js';

const sample: ChainedEntry = {
  id: '5f0c6f3e-2d1a-4b7e-9a51-0c2b8f6d4e10',
  seq: 7,
  at: '2026-11-24T02:00:00.000Z',
  actor_user_id: 'u-1',
  actor_name: 'luoyang',
  ip: '127.0.0.1',
  action: 'review.opinion',
  target_type: 'application',
  target_id: 'app-1',
  detail: '{"opinion":"同意推荐"}',
};

describe('the chain of one entry', () => {
  it('hashes with SM3', () => {
    // GB/T 32905-2016, example 1
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('starts from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('writes an entry as a JSON array in a fixed order, the detail as its stored text', () => {
    expect(canonicalEntry(sample)).toBe(
      '[7,"2026-11-24T02:00:00.000Z","u-1","luoyang","127.0.0.1","review.opinion","application","app-1","{\\"opinion\\":\\"同意推荐\\"}","5f0c6f3e-2d1a-4b7e-9a51-0c2b8f6d4e10"]',
    );
    const reordered = { ...sample } as Record<string, unknown>;
    expect(canonicalEntry(Object.fromEntries(Object.entries(reordered).reverse()) as unknown as ChainedEntry)).toBe(
      canonicalEntry(sample),
    );
  });

  it('is SM3 of the previous hash, a newline and the canonical entry', () => {
    const previous = 'ab'.repeat(32);
    expect(chainHash(previous, sample)).toBe(
      createHash('sm3')
        .update(`${previous}\n${canonicalEntry(sample)}`)
        .digest('hex'),
    );
    // Pinned (computed independently with Python's hashlib): stored chains stay verifiable only while this holds.
    expect(chainHash(GENESIS_HASH, { ...sample, seq: 1 })).toBe(
      'ecd7545859158f9e720496a7330125e9fb920c2ba9d000c47225a147aeea7dee',
    );
  });

  it('changes with every field, with the previous hash, and tells null from the text "null" and shifted field boundaries', () => {
    const base = chainHash(GENESIS_HASH, sample);
    const variants: ChainedEntry[] = [
      { ...sample, id: `${sample.id}0` },
      { ...sample, seq: 8 },
      { ...sample, at: '2026-11-24T02:00:00.001Z' },
      { ...sample, actor_user_id: null },
      { ...sample, actor_name: 'nanyang' },
      { ...sample, ip: null },
      { ...sample, action: 'review.finding' },
      { ...sample, target_type: 'package' },
      { ...sample, target_id: 'app-2' },
      { ...sample, detail: '{"opinion": "同意推荐"}' },
      { ...sample, detail: null },
      { ...sample, ip: 'null' },
      { ...sample, actor_user_id: 'u-1l', actor_name: 'uoyang' },
    ];
    const hashes = new Set([
      base,
      ...variants.map((v) => chainHash(GENESIS_HASH, v)),
      chainHash('1'.repeat(64), sample),
    ]);
    expect(hashes.size).toBe(variants.length + 2);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tampering with the database file. A log of a few hundred entries is built through the app (uploads,
// logins and logouts, a failed login, and direct records), copied once, and every case below changes a
// fresh copy of that file with plain SQL, as someone with the file in hand would, then runs the verifier.

/** The untouched log, in seq order. */
interface Log {
  rows: AuditRow[];
  /** The number of entries, and the one in the middle. */
  n: number;
  m: number;
  /** Entry number `seq` (1-based). */
  at(seq: number): AuditRow;
  /** The hash entry `seq` chains from. */
  previousHash(seq: number): string;
}

interface Expected {
  seq: number | null;
  id: string | null;
  reason: string | RegExp;
}

interface Case {
  name: string;
  tamper: (db: SQLite.Database, log: Log) => void;
  expect: (log: Log) => Expected;
}

const GAP = /^序号缺失：第 \d+(–\d+)? 条不存在$/;
const TAIL_CUT = /^链尾与记录不符：链尾为第 \d+ 条，记录只到第 \d+ 条$/;
const TAIL_HASH = /^链尾与记录不符：链尾哈希与第 \d+ 条不一致$/;
const BEYOND_HEAD = /^链尾与记录不符：第 \d+ 条在链尾（第 \d+ 条）之后$/;
const FORGED_ID = 'f0f0f0f0-0000-4000-8000-000000000001';
const FAKE_HASH = 'f'.repeat(64);
const COLUMNS = [
  'id',
  'seq',
  'hash',
  'at',
  'actor_user_id',
  'actor_name',
  'ip',
  'action',
  'target_type',
  'target_id',
  'detail',
] as const;

const entryAt = (db: SQLite.Database, seq: number) =>
  db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow;
const setColumn = (db: SQLite.Database, id: string, column: string, value: unknown) =>
  expect(db.prepare(`UPDATE audit_log SET ${column} = ? WHERE id = ?`).run(value, id).changes).toBe(1);
const insert = (db: SQLite.Database, row: Omit<AuditRow, 'seq'> & { seq: number | null }) =>
  db
    .prepare(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`)
    .run(row);
const remove = (db: SQLite.Database, where: string, ...params: unknown[]) =>
  expect(db.prepare(`DELETE FROM audit_log WHERE ${where}`).run(...params).changes).toBeGreaterThan(0);
const setHead = (db: SQLite.Database, seq: number, hash: string) =>
  db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(seq, hash);
const dropSeqIndex = (db: SQLite.Database) => db.exec('DROP INDEX audit_log_seq');
/** Moves entries from `from` on one place up, through negative values so the unique index never sees two at once. */
const shiftUp = (db: SQLite.Database, from: number) => {
  db.prepare('UPDATE audit_log SET seq = -seq - 1 WHERE seq >= ?').run(from);
  db.prepare('UPDATE audit_log SET seq = -seq WHERE seq < 0').run();
};
const swapSeq = (db: SQLite.Database, a: number, b: number) => {
  db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = ?').run(a);
  db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(a, b);
  db.prepare('UPDATE audit_log SET seq = ? WHERE seq = -1').run(b);
};
/** Recomputes the hash of entries `from`…`to` as a forger who knows the algorithm would. */
const rehash = (db: SQLite.Database, from: number, to: number, log: Log) => {
  let previous = log.previousHash(from);
  for (let seq = from; seq <= to; seq++) {
    const row = entryAt(db, seq);
    previous = chainHash(previous, row);
    setColumn(db, row.id, 'hash', previous);
  }
};
const forged = (seq: number, over: Partial<AuditRow> = {}): AuditRow => ({
  id: FORGED_ID,
  seq,
  hash: FAKE_HASH,
  at: '2026-11-24T09:00:00.000Z',
  actor_user_id: null,
  actor_name: 'province',
  ip: '127.0.0.1',
  action: 'package.return',
  target_type: 'package',
  target_id: '410300',
  detail: '{"remarks":"伪造的退回"}',
  ...over,
});
const chained = (previousHash: string, row: AuditRow): AuditRow => ({ ...row, hash: chainHash(previousHash, row) });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each change handles the one column type it is written for
type Change = (value: any, row: AuditRow, log: Log) => unknown;
const emptied: Change = (v) => (v === null ? '' : null);
/** Changes of one column of one entry; each leaves seq alone, so the entry itself is the first broken one. */
const columnEdits: [column: (typeof COLUMNS)[number], label: string, change: Change][] = [
  ['id', 'replaced', () => FORGED_ID],
  ['id', 'upper-cased', (v: string) => v.toUpperCase()],
  ['hash', 'replaced', () => FAKE_HASH],
  ['hash', 'upper-cased', (v: string) => v.toUpperCase()],
  ['hash', 'emptied', () => null],
  ['hash', 'set to the previous entry’s', (_v, row, log) => log.previousHash(row.seq)],
  ['at', 'a millisecond later', (v: string) => new Date(Date.parse(v) + 1).toISOString()],
  ['at', 'the same instant written +00:00', (v: string) => v.replace('Z', '+00:00')],
  ['at', 'a year earlier', (v: string) => v.replace(/^\d{4}/, (y) => String(Number(y) - 1))],
  ['actor_user_id', 'another user', (v) => (v === 'user-x' ? 'user-y' : 'user-x')],
  ['actor_user_id', 'emptied', emptied],
  ['actor_name', 'another name', (v) => (v === 'province' ? 'luoyang' : 'province')],
  ['actor_name', 'with a trailing space', (v) => `${v ?? ''} `],
  ['ip', 'another address', (v) => (v === '10.9.9.9' ? '10.9.9.8' : '10.9.9.9')],
  ['ip', 'emptied', emptied],
  ['action', 'another action', (v) => (v === 'logout' ? 'login.success' : 'logout')],
  ['action', 'upper-cased', (v: string) => v.toUpperCase()],
  ['target_type', 'another type', (v) => (v === 'package' ? 'application' : 'package')],
  ['target_type', 'emptied', emptied],
  ['target_id', 'another target', (v) => `${v ?? ''}1`],
  ['target_id', 'emptied', emptied],
  [
    'detail',
    'another value',
    (v: string | null) =>
      v === null ? '{"forged":true}' : JSON.stringify({ ...(JSON.parse(v) as object), forged: true }),
  ],
  ['detail', 'with a leading space, the same JSON', (v: string | null) => (v === null ? 'null' : ` ${v}`)],
  ['detail', 'dropped', (v) => (v === null ? '{}' : null)],
];

const positions: [label: string, seq: (log: Log) => number][] = [
  ['the first', () => 1],
  ['the middle', (log) => log.m],
  ['the last', (log) => log.n],
];

const cases: Case[] = [];

for (const [column, label, change] of columnEdits) {
  for (const [where, seqOf] of positions) {
    cases.push({
      name: `${column} ${label} in ${where} entry`,
      tamper: (db, log) => {
        const row = entryAt(db, seqOf(log));
        const value = change(row[column], row, log);
        expect(value).not.toEqual(row[column]);
        setColumn(db, row.id, column, value);
      },
      expect: (log) => {
        const row = log.at(seqOf(log));
        return {
          seq: row.seq,
          id: column === 'id' ? (change(row.id, row, log) as string) : row.id,
          reason: reasons.modified,
        };
      },
    });
  }
}

/** seq moved out of the chain (past the head, or emptied): the next entry is the first broken one, or the head if it was the last. */
const leftTheChain = (log: Log, seq: number): Expected =>
  seq === log.n ? { seq, id: null, reason: TAIL_CUT } : { seq: seq + 1, id: log.at(seq + 1).id, reason: GAP };
const seqEdits: [
  label: string,
  value: (seq: number, log: Log) => number | null,
  expect: (log: Log, seq: number) => Expected,
][] = [
  ['moved past the head', (_s, log) => log.n + 100, leftTheChain],
  ['emptied', () => null, leftTheChain],
  ['set to 0', () => 0, (log, seq) => ({ seq: 0, id: log.at(seq).id, reason: reasons.invalidSeq })],
  ['made negative', (seq) => -seq, (log, seq) => ({ seq: -seq, id: log.at(seq).id, reason: reasons.invalidSeq })],
  [
    'made fractional',
    (seq) => seq - 0.5,
    (log, seq) => ({ seq: seq - 0.5, id: log.at(seq).id, reason: reasons.invalidSeq }),
  ],
];
for (const [label, value, expected] of seqEdits) {
  for (const [where, seqOf] of positions) {
    cases.push({
      name: `seq ${label} in ${where} entry`,
      tamper: (db, log) => setColumn(db, log.at(seqOf(log)).id, 'seq', value(seqOf(log), log)),
      expect: (log) => expected(log, seqOf(log)),
    });
  }
}
cases.push(
  {
    name: 'seq of the first entry duplicating the second (unique index dropped)',
    tamper: (db, log) => {
      dropSeqIndex(db);
      setColumn(db, log.at(1).id, 'seq', 2);
    },
    // Two entries numbered 2 and none numbered 1: whichever sorts first is where the chain breaks.
    expect: (log) => ({ seq: 2, id: [log.at(1).id, log.at(2).id].sort()[0]!, reason: GAP }),
  },
  {
    name: 'seq of the middle entry duplicating the one before (unique index dropped)',
    tamper: (db, log) => {
      dropSeqIndex(db);
      setColumn(db, log.at(log.m).id, 'seq', log.m - 1);
    },
    expect: (log) => ({ seq: log.m - 1, id: log.at(log.m).id, reason: reasons.duplicate }),
  },
  {
    name: 'seq of the last entry duplicating the one before (unique index dropped)',
    tamper: (db, log) => {
      dropSeqIndex(db);
      setColumn(db, log.at(log.n).id, 'seq', log.n - 1);
    },
    expect: (log) => ({ seq: log.n - 1, id: log.at(log.n).id, reason: reasons.duplicate }),
  },
);

// Deleting entries
cases.push(
  {
    name: 'the first entry deleted',
    tamper: (db) => remove(db, 'seq = 1'),
    expect: (log) => ({ seq: 2, id: log.at(2).id, reason: '序号缺失：第 1 条不存在' }),
  },
  {
    name: 'the middle entry deleted',
    tamper: (db, log) => remove(db, 'seq = ?', log.m),
    expect: (log) => ({ seq: log.m + 1, id: log.at(log.m + 1).id, reason: `序号缺失：第 ${log.m} 条不存在` }),
  },
  {
    name: 'the last entry deleted',
    tamper: (db, log) => remove(db, 'seq = ?', log.n),
    expect: (log) => ({ seq: log.n, id: null, reason: TAIL_CUT }),
  },
  {
    name: 'the last but one entry deleted',
    tamper: (db, log) => remove(db, 'seq = ?', log.n - 1),
    expect: (log) => ({ seq: log.n, id: log.at(log.n).id, reason: GAP }),
  },
  {
    name: 'entries 2–5 deleted',
    tamper: (db) => remove(db, 'seq BETWEEN 2 AND 5'),
    expect: (log) => ({ seq: 6, id: log.at(6).id, reason: '序号缺失：第 2–5 条不存在' }),
  },
  {
    name: 'the first 50 entries deleted',
    tamper: (db) => remove(db, 'seq <= 50'),
    expect: (log) => ({ seq: 51, id: log.at(51).id, reason: GAP }),
  },
  {
    name: '21 entries around the middle deleted',
    tamper: (db, log) => remove(db, 'seq BETWEEN ? AND ?', log.m - 10, log.m + 10),
    expect: (log) => ({
      seq: log.m + 11,
      id: log.at(log.m + 11).id,
      reason: `序号缺失：第 ${log.m - 10}–${log.m + 10} 条不存在`,
    }),
  },
  {
    name: 'the 20 entries before the last deleted',
    tamper: (db, log) => remove(db, 'seq BETWEEN ? AND ?', log.n - 20, log.n - 1),
    expect: (log) => ({ seq: log.n, id: log.at(log.n).id, reason: GAP }),
  },
  {
    name: 'every tenth entry deleted',
    tamper: (db) => remove(db, 'seq % 10 = 0'),
    expect: (log) => ({ seq: 11, id: log.at(11).id, reason: '序号缺失：第 10 条不存在' }),
  },
  {
    name: 'every entry deleted',
    tamper: (db) => remove(db, '1 = 1'),
    expect: () => ({ seq: 1, id: null, reason: TAIL_CUT }),
  },
  {
    name: 'every entry deleted, the head reset to 0 with the last hash',
    tamper: (db, log) => (remove(db, '1 = 1'), setHead(db, 0, log.at(log.n).hash)),
    expect: () => ({ seq: 0, id: null, reason: TAIL_HASH }),
  },
);
for (const count of [2, 5, 50]) {
  cases.push({
    name: `the newest ${count} entries deleted`,
    tamper: (db, log) => remove(db, 'seq > ?', log.n - count),
    expect: (log) => ({
      seq: log.n - count + 1,
      id: null,
      reason: `链尾与记录不符：链尾为第 ${log.n} 条，记录只到第 ${log.n - count} 条`,
    }),
  });
}
const cutHeads: [label: string, hash: (log: Log, last: number) => string][] = [
  ['its hash kept', (log) => log.at(log.n).hash],
  ['a made-up hash', () => FAKE_HASH],
  ['the genesis hash', () => GENESIS_HASH],
  ['the hash of the entry after it', (log, last) => log.at(last + 1).hash],
];
for (const [count, [label, hash]] of [1, 5, 5, 5].map((c, i) => [c, cutHeads[i]!] as const)) {
  cases.push({
    name: `the newest ${count} entries deleted and the head moved back to them, with ${label}`,
    tamper: (db, log) => {
      remove(db, 'seq > ?', log.n - count);
      setHead(db, log.n - count, hash(log, log.n - count));
    },
    expect: (log) => ({ seq: log.n - count, id: log.at(log.n - count).id, reason: TAIL_HASH }),
  });
}

// Forged entries
cases.push(
  {
    name: 'a forged entry appended with a made-up hash',
    tamper: (db, log) => insert(db, forged(log.n + 1)),
    expect: (log) => ({ seq: log.n + 1, id: FORGED_ID, reason: BEYOND_HEAD }),
  },
  {
    name: 'a forged entry appended with a correctly chained hash',
    tamper: (db, log) => insert(db, chained(log.at(log.n).hash, forged(log.n + 1))),
    expect: (log) => ({ seq: log.n + 1, id: FORGED_ID, reason: BEYOND_HEAD }),
  },
  {
    name: 'a forged entry appended with a made-up hash, the head moved to it',
    tamper: (db, log) => (insert(db, forged(log.n + 1)), setHead(db, log.n + 1, FAKE_HASH)),
    expect: (log) => ({ seq: log.n + 1, id: FORGED_ID, reason: reasons.modified }),
  },
  {
    name: 'a forged entry far past the end',
    tamper: (db, log) => insert(db, forged(log.n + 10)),
    expect: (log) => ({ seq: log.n + 10, id: FORGED_ID, reason: BEYOND_HEAD }),
  },
  {
    name: 'a forged entry with the seq of the first (unique index dropped)',
    tamper: (db) => (dropSeqIndex(db), insert(db, forged(1))),
    expect: () => ({ seq: 1, id: FORGED_ID, reason: reasons.duplicate }),
  },
  {
    name: 'a forged entry with the seq of the middle one (unique index dropped)',
    tamper: (db, log) => (dropSeqIndex(db), insert(db, forged(log.m))),
    expect: (log) => ({ seq: log.m, id: FORGED_ID, reason: reasons.duplicate }),
  },
  {
    name: 'a forged entry with the seq of the last (unique index dropped)',
    tamper: (db, log) => (dropSeqIndex(db), insert(db, forged(log.n))),
    expect: (log) => ({ seq: log.n, id: FORGED_ID, reason: reasons.duplicate }),
  },
  {
    name: 'a copy of the middle entry under another id, hash and all (unique index dropped)',
    tamper: (db, log) => (dropSeqIndex(db), insert(db, { ...log.at(log.m), id: FORGED_ID })),
    expect: (log) => ({ seq: log.m, id: FORGED_ID, reason: reasons.duplicate }),
  },
  {
    name: 'a forged entry slipped in the middle, the rest renumbered, correctly chained',
    tamper: (db, log) => (shiftUp(db, log.m), insert(db, chained(log.previousHash(log.m), forged(log.m)))),
    expect: (log) => ({ seq: log.m + 1, id: log.at(log.m).id, reason: reasons.modified }),
  },
  {
    name: 'a forged entry slipped in the middle, the rest renumbered, with a made-up hash',
    tamper: (db, log) => (shiftUp(db, log.m), insert(db, forged(log.m))),
    expect: (log) => ({ seq: log.m, id: FORGED_ID, reason: reasons.modified }),
  },
  {
    name: 'a forged first entry, the rest renumbered and the head moved, correctly chained',
    tamper: (db, log) => (
      shiftUp(db, 1),
      insert(db, chained(GENESIS_HASH, forged(1))),
      setHead(db, log.n + 1, log.at(log.n).hash)
    ),
    expect: (log) => ({ seq: 2, id: log.at(1).id, reason: reasons.modified }),
  },
  {
    name: 'the middle entry replaced by a forged one with a made-up hash',
    tamper: (db, log) => (remove(db, 'seq = ?', log.m), insert(db, forged(log.m))),
    expect: (log) => ({ seq: log.m, id: FORGED_ID, reason: reasons.modified }),
  },
  {
    name: 'the middle entry replaced by a forged one, correctly chained',
    tamper: (db, log) => (remove(db, 'seq = ?', log.m), insert(db, chained(log.previousHash(log.m), forged(log.m)))),
    expect: (log) => ({ seq: log.m + 1, id: log.at(log.m + 1).id, reason: reasons.modified }),
  },
  {
    name: 'a forged entry without a seq',
    tamper: (db) => insert(db, { ...forged(0), seq: null }),
    expect: () => ({ seq: null, id: FORGED_ID, reason: reasons.unchained }),
  },
  {
    name: 'a forged entry numbered 0',
    tamper: (db) => insert(db, forged(0)),
    expect: () => ({ seq: 0, id: FORGED_ID, reason: reasons.invalidSeq }),
  },
);

// Reordering
const swaps: [label: string, a: (log: Log) => number, b: (log: Log) => number][] = [
  ['the middle entry and the next', (log) => log.m, (log) => log.m + 1],
  ['the 10th and the 10th from the end', () => 10, (log) => log.n - 10],
  ['the first and the last', () => 1, (log) => log.n],
  ['the last two', (log) => log.n - 1, (log) => log.n],
];
for (const [label, a, b] of swaps) {
  cases.push({
    name: `seq swapped between ${label}`,
    tamper: (db, log) => swapSeq(db, a(log), b(log)),
    expect: (log) => ({ seq: a(log), id: log.at(b(log)).id, reason: reasons.modified }),
  });
}
cases.push(
  {
    name: 'whole contents swapped between the middle entry and the next (seq kept in place)',
    tamper: (db, log) => {
      const [x, y] = [log.at(log.m), log.at(log.m + 1)];
      remove(db, 'seq IN (?, ?)', x.seq, y.seq);
      insert(db, { ...y, seq: x.seq });
      insert(db, { ...x, seq: y.seq });
    },
    expect: (log) => ({ seq: log.m, id: log.at(log.m + 1).id, reason: reasons.modified }),
  },
  {
    name: 'whole contents swapped between the first two entries',
    tamper: (db, log) => {
      const [x, y] = [log.at(1), log.at(2)];
      remove(db, 'seq IN (1, 2)');
      insert(db, { ...y, seq: 1 });
      insert(db, { ...x, seq: 2 });
    },
    expect: (log) => ({ seq: 1, id: log.at(2).id, reason: reasons.modified }),
  },
  {
    name: 'contents but id and seq swapped between two middle entries',
    tamper: (db, log) => {
      const [x, y] = [log.at(log.m), log.at(log.m + 7)];
      for (const column of COLUMNS.filter((c) => c !== 'id' && c !== 'seq')) {
        setColumn(db, x.id, column, y[column]);
        setColumn(db, y.id, column, x[column]);
      }
    },
    expect: (log) => ({ seq: log.m, id: log.at(log.m).id, reason: reasons.modified }),
  },
  {
    name: 'times swapped between the middle entry and the next',
    tamper: (db, log) => {
      const [x, y] = [log.at(log.m), log.at(log.m + 1)];
      expect(x.at).not.toBe(y.at);
      setColumn(db, x.id, 'at', y.at);
      setColumn(db, y.id, 'at', x.at);
    },
    expect: (log) => ({ seq: log.m, id: log.at(log.m).id, reason: reasons.modified }),
  },
  {
    name: 'details swapped between the first and the last entry',
    tamper: (db, log) => {
      const [x, y] = [log.at(1), log.at(log.n)];
      expect(x.detail).not.toBe(y.detail);
      setColumn(db, x.id, 'detail', y.detail);
      setColumn(db, y.id, 'detail', x.detail);
    },
    expect: (log) => ({ seq: 1, id: log.at(1).id, reason: reasons.modified }),
  },
  {
    name: 'five middle entries put in reverse order',
    tamper: (db, log) => {
      const run = [0, 1, 2, 3, 4].map((i) => log.at(log.m + i));
      remove(db, 'seq BETWEEN ? AND ?', log.m, log.m + 4);
      run.forEach((row, i) => insert(db, { ...row, seq: log.m + 4 - i }));
    },
    expect: (log) => ({ seq: log.m, id: log.at(log.m + 4).id, reason: reasons.modified }),
  },
  {
    name: 'the last entry moved to the front',
    tamper: (db, log) => {
      const last = log.at(log.n);
      remove(db, 'seq = ?', log.n);
      shiftUp(db, 1);
      insert(db, { ...last, seq: 1 });
    },
    expect: (log) => ({ seq: 1, id: log.at(log.n).id, reason: reasons.modified }),
  },
);

// The head
const headEdits: [label: string, head: (log: Log) => [number, string], expect: (log: Log) => Expected][] = [
  [
    'one seq ahead',
    (log) => [log.n + 1, log.at(log.n).hash],
    (log) => ({ seq: log.n + 1, id: null, reason: TAIL_CUT }),
  ],
  ['twice as far', (log) => [2 * log.n, log.at(log.n).hash], (log) => ({ seq: log.n + 1, id: null, reason: TAIL_CUT })],
  [
    'one seq behind',
    (log) => [log.n - 1, log.at(log.n).hash],
    (log) => ({ seq: log.n - 1, id: log.at(log.n - 1).id, reason: TAIL_HASH }),
  ],
  [
    'with a made-up hash',
    (log) => [log.n, FAKE_HASH],
    (log) => ({ seq: log.n, id: log.at(log.n).id, reason: TAIL_HASH }),
  ],
  [
    'with the genesis hash',
    (log) => [log.n, GENESIS_HASH],
    (log) => ({ seq: log.n, id: log.at(log.n).id, reason: TAIL_HASH }),
  ],
  [
    'with the last but one hash',
    (log) => [log.n, log.at(log.n - 1).hash],
    (log) => ({ seq: log.n, id: log.at(log.n).id, reason: TAIL_HASH }),
  ],
  [
    'with its hash upper-cased',
    (log) => [log.n, log.at(log.n).hash.toUpperCase()],
    (log) => ({ seq: log.n, id: log.at(log.n).id, reason: TAIL_HASH }),
  ],
  ['reset to an empty log', () => [0, GENESIS_HASH], (log) => ({ seq: 1, id: log.at(1).id, reason: BEYOND_HEAD })],
  [
    'moved back one entry, consistently',
    (log) => [log.n - 1, log.at(log.n - 1).hash],
    (log) => ({ seq: log.n, id: log.at(log.n).id, reason: BEYOND_HEAD }),
  ],
];
for (const [label, head, expected] of headEdits) {
  cases.push({ name: `the head ${label}`, tamper: (db, log) => setHead(db, ...head(log)), expect: expected });
}
cases.push({
  name: 'the head deleted',
  tamper: (db) => expect(db.prepare('DELETE FROM audit_head').run().changes).toBe(1),
  expect: (log) => ({ seq: log.n + 1, id: null, reason: /^链尾记录缺失/ }),
});

// Edits whose hashes were recomputed by someone who knows the algorithm
cases.push(
  {
    name: 'the middle entry’s detail changed and its hash recomputed',
    tamper: (db, log) => (setColumn(db, log.at(log.m).id, 'detail', '{"forged":true}'), rehash(db, log.m, log.m, log)),
    expect: (log) => ({ seq: log.m + 1, id: log.at(log.m + 1).id, reason: reasons.modified }),
  },
  {
    name: 'the first entry’s actor changed and the hashes of entries 1–5 recomputed',
    tamper: (db, log) => (setColumn(db, log.at(1).id, 'actor_name', 'province'), rehash(db, 1, 5, log)),
    expect: (log) => ({ seq: 6, id: log.at(6).id, reason: reasons.modified }),
  },
  {
    name: 'the last entry’s action changed and its hash recomputed, the head left alone',
    tamper: (db, log) => (setColumn(db, log.at(log.n).id, 'action', 'logout'), rehash(db, log.n, log.n, log)),
    expect: (log) => ({ seq: log.n, id: log.at(log.n).id, reason: TAIL_HASH }),
  },
);

// A SQLite file edited behind the server's back; on PostgreSQL there is no file to edit.
describe.skipIf(testOnPostgres)('tampering with the database file', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-audit-'));
  const pristine = path.join(workDir, 'pristine.sqlite');
  let log: Log;

  beforeAll(async () => {
    const start = Date.parse('2026-11-24T02:00:00Z');
    const app = await createTestApp({ clock: fixedClock(new Date(start).toISOString()) });
    try {
      const applicant = await new TestClient(app).login('ly-keji');
      const id = (await applicant.get('/api/v1/my/application')).json<{ id: string }>().id;
      for (let i = 1; i <= 3; i++)
        expect((await uploadEvidenceFile(applicant, id, 'fee_policy', `收费标准${i}.pdf`, tinyPdf())).statusCode).toBe(
          201,
        );
      await applicant.post('/api/v1/auth/logout');
      for (const username of ['province', 'luoyang', 'nanyang'])
        await (await new TestClient(app).login(username)).post('/api/v1/auth/logout');
      expect(
        (await new TestClient(app).post('/api/v1/auth/login', { username: 'luoyang', password: 'Wrong-passw0rd' }))
          .statusCode,
      ).toBe(401);
      const actions = [
        'review.finding',
        'document.download',
        'personal_data.disclose',
        'package.submit',
        'evidence.download',
      ];
      for (let i = 0; i < 300; i++) {
        await app.ctx.audit.record(
          {
            actorUserId: i % 3 === 0 ? null : `user-${i % 7}`,
            actorName: i % 11 === 0 ? null : `官员${i % 7}`,
            ip: i % 5 === 0 ? null : `10.0.${i % 4}.${i % 250}`,
            action: actions[i % actions.length]!,
            targetType: i % 4 === 0 ? null : 'application',
            targetId: i % 4 === 0 ? null : randomUUID(),
            detail: i % 6 === 0 ? null : { n: i, note: `第${i}条 ✓ 𠀀`, nested: { list: [i, null, true] } },
          },
          new Date(start + (i + 1) * 1000),
        );
      }
      await sql`VACUUM INTO ${pristine}`.execute(app.ctx.db);
    } finally {
      await app.close();
    }
    const db = openSqlite(pristine);
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    await db.destroy();
    log = {
      rows,
      n: rows.length,
      m: Math.floor(rows.length / 2),
      at: (seq) => rows[seq - 1]!,
      previousHash: (seq) => (seq === 1 ? GENESIS_HASH : rows[seq - 2]!.hash),
    };
  });
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  let copies = 0;
  /** Verifies a copy of the log after `tamper`, a page at a time as deployed and in pages of 7 (page boundaries everywhere). */
  async function verifyCopy(tamper: (db: SQLite.Database) => void): Promise<AuditVerification> {
    const file = path.join(workDir, `copy-${++copies}.sqlite`);
    fs.copyFileSync(pristine, file);
    const raw = new SQLite(file);
    try {
      raw.transaction(() => tamper(raw))();
    } finally {
      raw.close();
    }
    const db = openSqlite(file);
    try {
      const result = await verifyAuditChain(db);
      expect(await verifyAuditChain(db, { pageSize: 7 })).toEqual(result);
      return result;
    } finally {
      await db.destroy();
      fs.rmSync(file);
    }
  }

  it('built a log of a few hundred entries, from the app and from direct records', () => {
    expect(log.n).toBeGreaterThan(300);
    expect(log.rows.map((r) => r.seq)).toEqual(log.rows.map((_r, i) => i + 1));
    const actions = new Set(log.rows.map((r) => r.action));
    for (const action of ['evidence.upload', 'login.success', 'login.failure', 'logout', 'review.finding'])
      expect(actions).toContain(action);
  });

  it('verifies the untouched copy', async () => {
    expect(await verifyCopy(() => undefined)).toEqual({ ok: true, verifiedThrough: log.n });
  });

  it(`tries ${cases.length} different tamperings`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(`detects: ${c.name}`, async () => {
      const result = await verifyCopy((db) => c.tamper(db, log));
      const want = c.expect(log);
      expect(result.ok, JSON.stringify(result)).toBe(false);
      if (result.ok) return;
      expect({ seq: result.brokenAt.seq, id: result.brokenAt.id }).toEqual({ seq: want.seq, id: want.id });
      if (typeof want.reason === 'string') expect(result.brokenAt.reason).toBe(want.reason);
      else expect(result.brokenAt.reason).toMatch(want.reason);
      expect(result.verifiedThrough).toBeLessThanOrEqual(log.n);
    });
  }

  it('counts as verified the entries before the first broken one', async () => {
    const middle = await verifyCopy((db) => setColumn(db, log.at(log.m).id, 'ip', '10.9.9.9'));
    expect(middle).toMatchObject({ ok: false, verifiedThrough: log.m - 1 });
    const cut = await verifyCopy((db) => remove(db, 'seq > ?', log.n - 5));
    expect(cut).toMatchObject({ ok: false, verifiedThrough: log.n - 5 });
    const rewrittenLast = await verifyCopy(
      (db) => (setColumn(db, log.at(log.n).id, 'ip', '10.9.9.9'), rehash(db, log.n, log.n, log)),
    );
    expect(rewrittenLast).toMatchObject({ ok: false, verifiedThrough: log.n - 1 });
  });
});
