import type { BatchConfig } from '#contract';
import { evidenceKeyOf } from '../eligibility/evidenceKey';

export type WorkspaceTab = 'basic' | 'institutions' | 'roster' | 'evidence' | 'submit';

/** Where an issue's field is fixed. */
export function tabForField(field: string, config: BatchConfig): WorkspaceTab {
  if (field.startsWith('institution')) return 'institutions';
  if (field === 'enterprisesServedLastYear' || field.startsWith('roster')) return 'roster';
  if (field.startsWith('evidence') || evidenceKeyOf(field, config)) return 'evidence';
  return 'basic';
}
