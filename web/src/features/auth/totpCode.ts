/** A code as typed: six digits, with one space allowed in the middle ("123 456", as some apps show it). */
export const TOTP_CODE_PATTERN = /^\s*\d{3}\s?\d{3}\s*$/;

export const TOTP_CODE_MESSAGE = '请输入6位数字动态口令';

export const TOTP_CODE_RULES = [{ required: true, pattern: TOTP_CODE_PATTERN, message: TOTP_CODE_MESSAGE }];

/** Six digits and that space. */
export const TOTP_CODE_MAX_LENGTH = 7;

/** The code as sent: without spaces. */
export function totpCodeOf(typed: string): string {
  return typed.replace(/\s+/g, '');
}
