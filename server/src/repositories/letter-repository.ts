import type { Db } from '../db/database.js';

export interface LetterSettingsValues {
  officialName: string;
  letterhead: string;
  docNumberPrefix: string;
  contactName: string | null;
  contactPhone: string | null;
}

/** An authority's 推荐文件 settings and its 发文字号 sequences (one per year). */
export class LetterRepository {
  constructor(private readonly db: Db) {}

  findSettings(authorityCode: string) {
    return this.db
      .selectFrom('letter_settings')
      .selectAll()
      .where('authority_code', '=', authorityCode)
      .executeTakeFirst();
  }

  async saveSettings(authorityCode: string, v: LetterSettingsValues, now: Date): Promise<void> {
    const row = {
      official_name: v.officialName,
      letterhead: v.letterhead,
      doc_number_prefix: v.docNumberPrefix,
      contact_name: v.contactName,
      contact_phone: v.contactPhone,
      updated_at: now.toISOString(),
    };
    await this.db
      .insertInto('letter_settings')
      .values({ authority_code: authorityCode, ...row })
      .onConflict((oc) => oc.column('authority_code').doUpdateSet(row))
      .execute();
  }

  findSequence(authorityCode: string, year: number) {
    return this.db
      .selectFrom('letter_sequences')
      .selectAll()
      .where('authority_code', '=', authorityCode)
      .where('year', '=', year)
      .executeTakeFirst();
  }

  /** Moves the next number; refused (false) below the last number given, checked in the same statement. */
  async setNextNumber(authorityCode: string, year: number, next: number): Promise<boolean> {
    await this.ensureSequence(authorityCode, year);
    const r = await this.db
      .updateTable('letter_sequences')
      .set({ next_number: next })
      .where('authority_code', '=', authorityCode)
      .where('year', '=', year)
      .where((eb) => eb.or([eb('last_given', 'is', null), eb('last_given', '<', next)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Gives the next number and moves the sequence past it in one UPDATE, so two submissions at once (or
   * two servers) never take the same number; the version's UNIQUE doc_number is the second guard.
   */
  async takeNumber(authorityCode: string, year: number): Promise<number> {
    await this.ensureSequence(authorityCode, year);
    const row = await this.db
      .updateTable('letter_sequences')
      .set((eb) => ({ next_number: eb('next_number', '+', 1), last_given: eb.ref('next_number') }))
      .where('authority_code', '=', authorityCode)
      .where('year', '=', year)
      .returning('last_given')
      .executeTakeFirstOrThrow();
    return Number(row.last_given);
  }

  private async ensureSequence(authorityCode: string, year: number): Promise<void> {
    await this.db
      .insertInto('letter_sequences')
      .values({ authority_code: authorityCode, year, next_number: 1, last_given: null })
      .onConflict((oc) => oc.columns(['authority_code', 'year']).doNothing())
      .execute();
  }
}
