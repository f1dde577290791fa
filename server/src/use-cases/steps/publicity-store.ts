import { PublicityRepository } from '../../repositories/publicity-repository.js';
import type { Context } from '../context.js';

/** The 公示 repository over the context's database handle (the pool, or the unit of work's transaction). */
export const publicityStore = (ctx: Context): PublicityRepository => new PublicityRepository(ctx.db, ctx.cipher);
