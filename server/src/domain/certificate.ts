import type { CertificatePayload, CertificateState, ValiditySettings } from '#contract';
import { BEIJING_UTC_OFFSET, endOfBeijingDay } from './calendar.js';

/**
 * Certificates of recognised platforms: their numbers, validity, state at an instant and the exact bytes that
 * are signed.
 *
 * **Numbers** read like the province's other 文号: 豫中小服示〔2026〕001号 — 豫 (Henan), 中小服示 (中小企业公共服务
 * 示范平台), the year of 认定 in 六角括号, a sequence of at least three digits. The sequence is the platform's
 * place in the 认定 list, continuing after the highest number already issued that year, so numbers are
 * deterministic and unique per year. In a web address the same number is written `2026-001`
 * (`certificateKey`), which keeps the verification QR code small; both forms are accepted when looked up.
 */

export const CERTIFICATE_NUMBER_PREFIX = '豫中小服示';

const pad = (sequence: number) => String(sequence).padStart(3, '0');

export function certificateNumber(year: number, sequence: number): string {
  return `${CERTIFICATE_NUMBER_PREFIX}〔${year}〕${pad(sequence)}号`;
}

/** The number as a web address writes it: 2026-001. */
export function certificateKey(year: number, sequence: number): string {
  return `${year}-${pad(sequence)}`;
}

const PRINTED = new RegExp(`^${CERTIFICATE_NUMBER_PREFIX}[〔[](\\d{4})[〕\\]](\\d{3,6})号$`);
const KEY = /^(\d{4})-(\d{3,6})$/;

/** The year and sequence of a number in either form (white space ignored), or null. */
export function parseCertificateNumber(text: string): { year: number; sequence: number } | null {
  const compact = text.replace(/\s+/g, '');
  const m = PRINTED.exec(compact) ?? KEY.exec(compact);
  if (!m) return null;
  const sequence = Number(m[2]);
  if (sequence < 1 || m[2] !== pad(sequence)) return null;
  return { year: Number(m[1]), sequence };
}

/** The sequence the next certificate of `year` gets, given every number issued so far (any year). */
export function nextCertificateSequence(issuedNumbers: readonly string[], year: number): number {
  let highest = 0;
  for (const n of issuedNumbers) {
    const parsed = parseCertificateNumber(n);
    if (parsed?.year === year) highest = Math.max(highest, parsed.sequence);
  }
  return highest + 1;
}

/**
 * The validity of a recognition made on `recognizedOn` (a Beijing date). `next_year`: whole calendar years,
 * 1 January after 认定 to 31 December `years` − 1 years later (认定 in 2020, 3 years: 2021-01-01 to
 * 2023-12-31). `recognition_date`: from the day of 认定 to the day before its anniversary `years` later
 * (2024-02-29 + 3 years: to 2027-02-28).
 */
export function validityWindow(
  recognizedOn: string,
  settings: ValiditySettings,
): { validFrom: string; validTo: string } {
  const [y, m, d] = recognizedOn.split('-').map(Number) as [number, number, number];
  if (settings.start === 'next_year') {
    return { validFrom: `${y + 1}-01-01`, validTo: `${y + settings.years}-12-31` };
  }
  const anniversary = Date.UTC(y + settings.years, m - 1, d);
  const dayBefore = new Date(anniversary - 86_400_000).toISOString().slice(0, 10);
  return { validFrom: recognizedOn, validTo: dayBefore };
}

/** What the verification page says about a certificate at `now`. */
export interface CertificateStanding {
  validFrom: string;
  validTo: string;
  /** The instant the revocation took effect, or null. */
  revokedAt: string | null;
}

/**
 * The state at `now`, judged in CST to the second: no record → unknown; a signature that does not verify →
 * tampered; revoked from the instant of revocation; before 00:00:00 of the first day → not yet valid; after
 * 23:59:59 of the last day → expired; else valid.
 */
export function certificateState(
  certificate: CertificateStanding | null,
  signatureValid: boolean,
  now: Date,
): CertificateState {
  if (!certificate) return 'unknown';
  if (!signatureValid) return 'tampered';
  const t = Math.floor(now.getTime() / 1000);
  const second = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  if (certificate.revokedAt && t >= second(certificate.revokedAt)) return 'revoked';
  if (t < second(`${certificate.validFrom}T00:00:00${BEIJING_UTC_OFFSET}`)) return 'not_yet_valid';
  if (t > second(endOfBeijingDay(certificate.validTo))) return 'expired';
  return 'valid';
}

/**
 * The canonical JSON of a value — the exact text that is signed, its UTF-8 bytes the exact bytes:
 * - object keys sorted by their UTF-16 code units (JavaScript's default sort; for the payload's ASCII keys the
 *   same order as any tool's `sort_keys`), arrays in their order;
 * - no white space at all between tokens;
 * - strings as JSON.stringify writes them: `"` and `\` escaped, \b \f \n \r \t short, other control characters
 *   as \u00xx (lower-case hex), everything else — Chinese included — as itself, in UTF-8;
 * - integers in plain decimal; `true`, `false`, `null`.
 * This is RFC 8785 (JCS) for this subset. Fractions, non-finite numbers, undefined, and strings with a lone
 * surrogate are refused, so that Python's json.dumps(…, ensure_ascii=False, sort_keys=True, separators=(',', ':'))
 * gives the same bytes (docs/certificates.md).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`规范化 JSON 只接受整数：${value}`);
    return String(value);
  }
  if (typeof value === 'string') {
    if (/[\uD800-\uDFFF]/u.test(value)) throw new TypeError('规范化 JSON 不接受不成对的代理字符');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${canonicalJson(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`规范化 JSON 不接受 ${typeof value} 类型的值`);
}

/** The bytes a certificate's signature covers: the UTF-8 of its payload's canonical JSON. */
export function certificateBytes(payload: CertificatePayload): Buffer {
  return Buffer.from(canonicalJson(payload), 'utf8');
}
