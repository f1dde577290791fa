/** 统一社会信用代码 per GB 32100-2015 (domain §4). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** 登记管理部门代码 (GB 32100-2015 table 1): 1 机构编制 … 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他. */
const REGISTRATION_AUTHORITIES = '123456789ANY';
/**
 * The first two digits of the 登记管理机关行政区划码 (GB/T 2260): a province, or 10 for units registered
 * at national level. "000000…" has a valid check character but no such authority or region.
 */
const PROVINCES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function isValidUscc(code: string): boolean {
  return (
    FORMAT.test(code) &&
    REGISTRATION_AUTHORITIES.includes(code[0]!) &&
    code[1] !== '0' &&
    PROVINCES.has(code.slice(2, 4)) &&
    usccCheckCharacter(code.slice(0, 17)) === code[17]
  );
}

/** Upper-cases and strips white space, as clerks paste codes from documents. */
export function normalizeUscc(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** A valid code made from a number (91 + region + nine characters + check character), for demo and test data. */
export function syntheticUscc(n: number, region: string): string {
  let body = '';
  for (let v = n, i = 0; i < 9; i++, v = Math.floor(v / 31)) body = USCC_ALPHABET[v % 31] + body;
  const first17 = `91${region}${body}`;
  return first17 + usccCheckCharacter(first17);
}
