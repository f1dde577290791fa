import dayjs, { type Dayjs } from 'dayjs';
import type { ApplicationDraft } from '#contract';

/** The basic-information form holds a Dayjs for the date picker; everything else is the draft as is. */
export type DraftFormValues = Omit<ApplicationDraft, 'registeredOn'> & { registeredOn?: Dayjs | null };

export function toFormValues(draft: ApplicationDraft): DraftFormValues {
  const { registeredOn, ...rest } = draft;
  return { ...rest, registeredOn: registeredOn ? dayjs(registeredOn) : null };
}

/** The changed form values as a PATCH body: a cleared date is '', a cleared number null. */
export function toDraftPatch(changed: DraftFormValues): ApplicationDraft {
  const { registeredOn, ...rest } = changed;
  const patch: ApplicationDraft = { ...rest };
  if ('registeredOn' in changed) patch.registeredOn = registeredOn ? registeredOn.format('YYYY-MM-DD') : '';
  return patch;
}
