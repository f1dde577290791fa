import type { DemoAccount } from '#contract';
import { AppError } from '../domain/errors.js';
import { presentDemoAccount } from '../presenters/account.js';
import { demoAccounts } from '../seed/seed.js';
import type { Context } from './context.js';

/** The shared accounts of the demo environment, for the login page; there are none elsewhere. */
export function listDemoAccounts(ctx: Context): DemoAccount[] {
  if (!ctx.config.demo) throw new AppError('NOT_FOUND');
  return demoAccounts.filter((a) => a.expert === undefined || ctx.config.demoExpertPool).map(presentDemoAccount);
}
