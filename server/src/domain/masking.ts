/** Personal data in lists (domain §11): 13812341234 → 138****1234; 0371-65507615 → 0371-****7615. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length <= 4) return '****';
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  const dash = p.indexOf('-');
  const head = dash > 0 ? p.slice(0, dash + 1) : p.slice(0, Math.min(3, p.length - 4));
  return `${head}****${p.slice(-4)}`;
}
