import { z } from 'zod';

/** A region (地区) and the authority that recommends its platforms. */
export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  authorityCode: z.string(),
  authorityName: z.string(),
});
export type Region = z.infer<typeof regionSchema>;

/** A recommending authority (推荐单位) of city level. */
export const authoritySchema = z.object({ code: z.string(), name: z.string() });
export type Authority = z.infer<typeof authoritySchema>;

/** The regions and city authorities every form chooses from, and whether the server runs in demo mode. */
export const referenceDataSchema = z.object({
  regions: z.array(regionSchema),
  authorities: z.array(authoritySchema),
  demo: z.boolean(),
});
export type ReferenceData = z.infer<typeof referenceDataSchema>;
