import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from '../context.js';

/** How long a captcha can be answered. */
export const CAPTCHA_SECONDS = 5 * 60;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
const idHash = (id: string): string => sha256(`captcha\n${id}`).toString('hex');
/** Answers are compared without case and spaces: the image shows capitals, people type either. */
const answerHash = (id: string, answer: string): string =>
  sha256(`${id}\n${answer.replace(/\s+/g, '').toUpperCase()}`).toString('hex');

/** Stores a captcha with the given answer (hashed with its id) and returns its id. */
export async function storeCaptcha(ctx: Context, answer: string): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  const now = ctx.clock.now();
  await ctx.signIn.insertCaptcha(
    idHash(id),
    answerHash(id, answer),
    new Date(now.getTime() + CAPTCHA_SECONDS * 1000),
    now,
  );
  return id;
}

/** Takes the captcha out — it serves one attempt, right or wrong — and says whether the answer was its own. */
export async function solveCaptcha(ctx: Context, id: string, answer: string, now: Date): Promise<boolean> {
  const stored = await ctx.signIn.takeCaptcha(idHash(id), now);
  return stored !== null && timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(answerHash(id, answer), 'hex'));
}
