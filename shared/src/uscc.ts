/** 统一社会信用代码 per GB 32100-2015 (domain §4). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function isValidUscc(code: string): boolean {
  return FORMAT.test(code) && usccCheckCharacter(code.slice(0, 17)) === code[17];
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
