import type { ReceiptView } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context } from './context.js';
import { loadAuthorized } from './loaders/application.js';
import { loadReceipt } from './loaders/receipt.js';

/** The receipt (回执) of the latest submitted version. */
export async function getReceipt(ctx: Context, actor: Actor | null, id: string): Promise<ReceiptView> {
  return loadReceipt(ctx, await loadAuthorized(ctx, actor, id, 'application:read'));
}
