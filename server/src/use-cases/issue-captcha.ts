import type { CaptchaView } from '#contract';
import { captchaSvg, newCaptchaAnswer } from '../documents/captcha-image.js';
import { presentCaptcha } from '../presenters/sign-in.js';
import type { Context } from './context.js';
import { CAPTCHA_SECONDS, storeCaptcha } from './steps/captcha.js';

/**
 * A new graphic captcha: a random answer drawn as an SVG (documents/captcha-image.ts), of which the
 * database keeps only a hash and an expiry. Not audited: it is handed to anyone who asks (the route is
 * rate-limited), and the login that uses it is.
 */
export async function issueCaptcha(ctx: Context): Promise<CaptchaView> {
  const answer = newCaptchaAnswer();
  const id = await storeCaptcha(ctx, answer);
  return presentCaptcha(id, captchaSvg(answer), CAPTCHA_SECONDS);
}
