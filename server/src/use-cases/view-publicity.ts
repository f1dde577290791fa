import type { PublicityView, PublicPublicityList } from '#contract';
import { authorize, type Actor } from '../policies/policy.js';
import { presentPublicPublicity } from '../presenters/publicity.js';
import type { Context } from './context.js';
import { loadPublicity, publicityView } from './loaders/publicity.js';

/** The province's view of one 公示: candidates with their records, objections with contacts masked. */
export async function viewPublicity(ctx: Context, actor: Actor | null, publicityId: string): Promise<PublicityView> {
  authorize(actor, 'publicity:manage');
  return publicityView(ctx, await loadPublicity(ctx, publicityId));
}

/** Without an account: every 公示 that has started, current and past, with public information only. */
export async function listPublicPublicities(ctx: Context): Promise<PublicPublicityList> {
  const now = ctx.clock.now();
  const store = ctx.publicities;
  const publicities = (await store.listPublicities()).filter((p) => Date.parse(p.starts_at) <= now.getTime());
  const candidates = await store.listCandidates(publicities.map((p) => p.id));
  return {
    publicities: publicities.map((p) =>
      presentPublicPublicity(
        p,
        candidates.filter((c) => c.publicity_id === p.id),
        now,
      ),
    ),
  };
}
