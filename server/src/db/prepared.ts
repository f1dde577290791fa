import { CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './database.js';

/** A string no caller passes as a value: it stands for an argument while the query is compiled. */
const MARK = '\u0000shenbao-argument:';

type Slot<A> = { argument: keyof A } | { constant: unknown };

interface Compiled<A> {
  sql: string;
  slots: Slot<A>[];
}

/**
 * A query built and compiled once per dialect, then run with each call's values: Kysely builds and compiles
 * a query on every call (40–75 µs, as long as SQLite takes to run a small one), which the reads every
 * request makes (the session, the applicant's home) would otherwise pay each time. On SQLite the compiled
 * text then meets the statement cache (database.ts), so such a read is a prepared statement end to end.
 *
 * `build` is called once, with a marker string in place of each argument; it must use its arguments only
 * as values (the right side of a comparison), never to decide the query's shape (an `in` list of the
 * caller's length, a condition added or left out). Constants in the query stay as compiled.
 */
export function prepared<A extends Record<string, unknown>, R>(
  build: (db: Db, args: A) => Compilable<R>,
): (db: Db, args: A) => Promise<R[]> {
  const byDialect = new Map<unknown, Compiled<A>>();
  const compile = (db: Db, args: A): Compiled<A> => {
    const markers = Object.fromEntries(Object.keys(args).map((k) => [k, MARK + k])) as A;
    const query = build(db, markers).compile();
    const slots = query.parameters.map((p): Slot<A> =>
      typeof p === 'string' && p.startsWith(MARK) ? { argument: p.slice(MARK.length) } : { constant: p },
    );
    for (const key of Object.keys(args)) {
      if (!slots.some((s) => 'argument' in s && s.argument === key)) {
        throw new Error(`prepared query: argument "${key}" is not a value of the query`);
      }
    }
    return { sql: query.sql, slots };
  };
  return async (db, args) => {
    const dialect = db.getExecutor().adapter.constructor;
    let compiled = byDialect.get(dialect);
    if (!compiled) {
      compiled = compile(db, args);
      byDialect.set(dialect, compiled);
    }
    const parameters = compiled.slots.map((s) => ('argument' in s ? args[s.argument] : s.constant));
    const { rows } = await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters));
    return rows;
  };
}
