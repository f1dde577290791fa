import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApplicationView, FieldError, InstitutionInput } from '#contract';
import { ApiError } from '../../api/client';
import { applicantApi } from '../../api/endpoints';
import { registerFlush, trackSave } from '../../app/pendingSaves';
import type { InstitutionRow } from './InstitutionsTable';
import type { AutosaveState } from './useDraftAutosave';

const AUTOSAVE_DELAY_MS = 800;

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
  const timer = useRef<number | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saving = useRef(false);
  const latestCallbacks = useRef(callbacks);
  const [state, setState] = useState<AutosaveState>({ phase: 'idle', savedAt: null, error: null });

  useEffect(() => {
    latestCallbacks.current = callbacks;
  });

  const send = useCallback(async () => {
    const rows = savableRows(latest.current);
    const body = toInputs(rows);
    const json = JSON.stringify(body);
    if (json === lastSaved.current) {
      const rest = restingPhase(latest.current, lastSaved.current, false);
      setState((s) => ({ ...s, phase: rest === 'idle' && s.savedAt ? 'saved' : rest }));
      return;
    }
    setState((s) => ({ ...s, phase: 'saving', error: null }));
    saving.current = true;
    try {
      const view = await applicantApi.saveInstitutions(applicationId, body);
      lastSaved.current = json;
      latestCallbacks.current.onSaved(view);
      setState({ phase: restingPhase(latest.current, json, true), savedAt: new Date(), error: null });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : new ApiError(0, { code: 'UNKNOWN', message: String(caught) });
      setState((s) => ({ ...s, phase: 'failed', error: error.message }));
      if (error.code === 'NOT_EDITABLE') latestCallbacks.current.onNotEditable();
      else if (error.body.errors?.length) {
        latestCallbacks.current.onRejected({ sentKeys: rows.map((r) => r.key), problems: error.body.errors });
      }
    } finally {
      saving.current = false;
    }
  }, [applicationId]);

  /** Sends the latest rows now; resolves once every earlier save has finished. Logout waits for it too. */
  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    chain.current = chain.current.then(send);
    return trackSave(chain.current);
  }, [send]);

  /** The rows after an edit: saved once the typing pauses. */
  const changed = useCallback(
    (rows: readonly InstitutionRow[]) => {
      latest.current = rows;
      setState((s) => ({ ...s, phase: 'pending' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  /** Rows the server already holds (an Excel import replaced the list): nothing to send. */
  const adopt = useCallback((rows: readonly InstitutionRow[]) => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    latest.current = rows;
    lastSaved.current = savedForm(rows);
    setState({ phase: 'saved', savedAt: new Date(), error: null });
  }, []);

  useEffect(() => {
    const warnIfUnsaved = (event: BeforeUnloadEvent) => {
      const unsaved =
        saving.current || latest.current.some(isPartial) || savedForm(latest.current) !== lastSaved.current;
      if (unsaved) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnIfUnsaved);
    const unregister = registerFlush(flush);
    return () => {
      window.removeEventListener('beforeunload', warnIfUnsaved);
      unregister();
      if (timer.current !== undefined) void flush();
    };
  }, [flush]);

  return { state, changed, flush, adopt };
}
