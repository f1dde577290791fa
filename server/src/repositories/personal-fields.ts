import type { PersonalDataCipher } from '../crypto/personal-data.js';

/**
 * Where personal data is stored encrypted (see crypto/personal-data.ts): text columns that hold one
 * value, and JSON columns with the paths of their encrypted fields. The repositories encrypt on write
 * and decrypt on read, so use cases and presenters see plain values. Nothing searches or compares
 * these columns in SQL (duplicates are found by USCC and platform name), so no blind index is needed.
 */
export type FieldPath = readonly string[];

/** applications.form: the contact's phone the applicant entered. */
export const FORM_FIELDS: readonly FieldPath[] = [['contactPhone']];
/** application_versions.snapshot: the form as submitted (the receipt is built from it). */
export const SNAPSHOT_FIELDS: readonly FieldPath[] = [['form', 'contactPhone']];

export interface EncryptedColumn {
  /** `table.column`, as named in audit entries and the CLI's report. */
  name: string;
  table:
    | 'units'
    | 'roster_rows'
    | 'survey_contacts'
    | 'applications'
    | 'application_versions'
    | 'users'
    | 'experts'
    | 'objections'
    | 'annual_roster_rows';
  column:
    | 'contact_phone'
    | 'phone'
    | 'form'
    | 'snapshot'
    | 'totp_secret'
    | 'totp_pending_secret'
    | 'email'
    | 'contact'
    | 'name';
  /** The primary key's columns, to page through the table and update one row. */
  key: readonly string[];
  /** For JSON columns: the encrypted fields. */
  fields?: readonly FieldPath[];
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { name: 'units.contact_phone', table: 'units', column: 'contact_phone', key: ['id'] },
  { name: 'users.email', table: 'users', column: 'email', key: ['id'] },
  { name: 'roster_rows.phone', table: 'roster_rows', column: 'phone', key: ['id'] },
  { name: 'experts.phone', table: 'experts', column: 'phone', key: ['id'] },
  { name: 'annual_roster_rows.phone', table: 'annual_roster_rows', column: 'phone', key: ['report_id', 'row_no'] },
  { name: 'objections.name', table: 'objections', column: 'name', key: ['id'] },
  { name: 'objections.contact', table: 'objections', column: 'contact', key: ['id'] },
  {
    name: 'survey_contacts.phone',
    table: 'survey_contacts',
    column: 'phone',
    key: ['application_id', 'roster_row_no'],
  },
  { name: 'applications.form', table: 'applications', column: 'form', key: ['id'], fields: FORM_FIELDS },
  {
    name: 'application_versions.snapshot',
    table: 'application_versions',
    column: 'snapshot',
    key: ['id'],
    fields: SNAPSHOT_FIELDS,
  },
  // Not personal data but a credential under the same key (sign-in-repository.ts), so it rotates with it.
  { name: 'users.totp_secret', table: 'users', column: 'totp_secret', key: ['id'] },
  { name: 'users.totp_pending_secret', table: 'users', column: 'totp_pending_secret', key: ['id'] },
];

/** The JSON text with `fn` applied to each string at the given paths; the same text when none is there. */
export function mapJsonFields(json: string, paths: readonly FieldPath[], fn: (value: string) => string): string {
  const doc = JSON.parse(json) as unknown;
  let changed = false;
  for (const p of paths) {
    let parent: unknown = doc;
    for (const key of p.slice(0, -1)) parent = isObject(parent) ? parent[key] : undefined;
    const leaf = p[p.length - 1]!;
    if (!isObject(parent) || typeof parent[leaf] !== 'string') continue;
    const next = fn(parent[leaf]);
    if (next !== parent[leaf]) {
      parent[leaf] = next;
      changed = true;
    }
  }
  return changed ? JSON.stringify(doc) : json;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function encryptFields(cipher: PersonalDataCipher, json: string, paths: readonly FieldPath[]): string {
  return mapJsonFields(json, paths, (v) => cipher.encrypt(v));
}

export function decryptFields(cipher: PersonalDataCipher, json: string, paths: readonly FieldPath[]): string {
  return mapJsonFields(json, paths, (v) => cipher.decrypt(v));
}
