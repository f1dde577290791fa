import { useCallback, useEffect, useRef } from 'react';
import type { ApplicationView, FieldError, InstitutionInput } from '#contract';
import { applicantApi } from '../../api/endpoints';
import type { InstitutionRow } from './InstitutionsTable';
import { useSaveQueue, type AutosaveState, type NextSave } from './useSaveQueue';

const isBlank = (row: InstitutionRow) => !row.name.trim() && !row.uscc.trim() && !row.agreementFileId;

/** A row the server can take: a name and an 18-character code (the check character is judged after saving). */
const isComplete = (row: InstitutionRow) => row.name.trim() !== '' && row.uscc.trim().length === 18;

/** Rows begun but not yet complete: kept on the page, not sent, and warned about on leaving. */
export const isPartial = (row: InstitutionRow) => !isBlank(row) && !isComplete(row);

/** The rows the server is sent: the complete ones, in the order shown. */
export function savableRows(rows: readonly InstitutionRow[]): InstitutionRow[] {
  return rows.filter(isComplete);
}

export function toInputs(rows: readonly InstitutionRow[]): InstitutionInput[] {
  return rows.map(({ name, uscc, agreementFileId }) => ({
    name: name.trim(),
    uscc: uscc.trim().toUpperCase(),
    agreementFileId,
  }));
}

const savedForm = (rows: readonly InstitutionRow[]) => JSON.stringify(toInputs(savableRows(rows)));

/** What the indicator says once no request is under way. */
function restingPhase(rows: readonly InstitutionRow[], lastSaved: string, everSaved: boolean): AutosaveState['phase'] {
  if (rows.some(isPartial)) return 'incomplete';
  if (savedForm(rows) !== lastSaved) return 'pending';
  return everSaved ? 'saved' : 'idle';
}

/** The server's refusal of a list: its field errors address rows by their index in the list sent. */
export interface InstitutionsRefusal {
  sentKeys: string[];
  problems: FieldError[];
}

interface Callbacks {
  onSaved: (view: ApplicationView) => void;
  onRejected: (refusal: InstitutionsRefusal) => void;
  /** The application is no longer editable (409): reload it. */
  onNotEditable: () => void;
}

/**
 * Saves the institutions list ~800 ms after the last edit, one request at a time, always the latest rows
 * (the server replaces the whole list). Rows still being filled in wait on the page until complete.
 */
export function useInstitutionsAutosave(
  applicationId: string,
  initialRows: readonly InstitutionRow[],
  callbacks: Callbacks,
) {
  const latest = useRef<readonly InstitutionRow[]>(initialRows);
  const lastSaved = useRef(savedForm(initialRows));
  const latestCallbacks = useRef(callbacks);

  useEffect(() => {
    latestCallbacks.current = callbacks;
  });

  const nextSave = useCallback<NextSave<ApplicationView>>(() => {
    const rows = savableRows(latest.current);
    const body = toInputs(rows);
    const json = JSON.stringify(body);
    if (json === lastSaved.current) return restingPhase(latest.current, lastSaved.current, false);
    return {
      request: () => applicantApi.saveInstitutions(applicationId, body),
      saved: (view) => {
        lastSaved.current = json;
        latestCallbacks.current.onSaved(view);
        return restingPhase(latest.current, json, true);
      },
      failed: (error) => {
        if (error.code === 'NOT_EDITABLE') latestCallbacks.current.onNotEditable();
        else if (error.body.errors?.length) {
          latestCallbacks.current.onRejected({ sentKeys: rows.map((r) => r.key), problems: error.body.errors });
        }
      },
    };
  }, [applicationId]);

  const unsaved = useCallback(
    () => latest.current.some(isPartial) || savedForm(latest.current) !== lastSaved.current,
    [],
  );

  const { state, schedule, flush, heldByServer } = useSaveQueue(nextSave, unsaved);

  /** The rows after an edit: saved once the typing pauses. */
  const changed = useCallback(
    (rows: readonly InstitutionRow[]) => {
      latest.current = rows;
      schedule();
    },
    [schedule],
  );

  /** Rows the server already holds (an Excel import replaced the list): nothing to send. */
  const adopt = useCallback(
    (rows: readonly InstitutionRow[]) => {
      latest.current = rows;
      lastSaved.current = savedForm(rows);
      heldByServer();
    },
    [heldByServer],
  );

  return { state, changed, flush, adopt };
}
