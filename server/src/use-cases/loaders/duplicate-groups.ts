import { reviewableStatuses, type ApplicationDraft } from '#contract';
import { presentDuplicateGroup } from '../../presenters/application.js';
import type { Context } from '../context.js';
import { findBatchDuplicates } from '../steps/batch-duplicates.js';

/** Groups of applications across the batch that look like the same platform, for the province. */
export async function listDuplicateGroups(ctx: Context, batchId: string) {
  const duplicates = await findBatchDuplicates(ctx, batchId);
  const rows = await ctx.applications.list({ batchId, statuses: [...reviewableStatuses], ids: [...duplicates.keys()] });
  const forms = new Map(rows.map((r) => [r.id, JSON.parse(r.form) as ApplicationDraft]));
  const withForm = (row: (typeof rows)[number]) => ({ row, form: forms.get(row.id)! });
  const seen = new Set<string>();
  const groups = [];
  for (const r of rows) {
    const others = duplicates.get(r.id);
    if (!others || seen.has(r.id)) continue;
    const members = rows.filter((x) => x.id === r.id || others.includes(x.id));
    members.forEach((m) => seen.add(m.id));
    groups.push(presentDuplicateGroup(withForm(r), members.map(withForm)));
  }
  return groups;
}
