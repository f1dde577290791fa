import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApplicationDraft, ApplicationView, FieldError } from '#contract';
import { ApiError } from '../../api/client';
import { applicantApi } from '../../api/endpoints';
import { registerFlush, trackSave } from '../../app/pendingSaves';

const AUTOSAVE_DELAY_MS = 800;

/** `incomplete`: some of the edits cannot be saved until they are filled in (an institution without its code). */
type AutosavePhase = 'idle' | 'pending' | 'saving' | 'saved' | 'failed' | 'incomplete';

export interface AutosaveState {
  phase: AutosavePhase;
  savedAt: Date | null;
  error: string | null;
}

interface AutosaveCallbacks {
  onSaved: (view: ApplicationView) => void;
  /** The server refused some fields (400): show them on the form. */
  onRejected: (problems: FieldError[]) => void;
  /** The application is no longer editable (409): reload it. */
  onNotEditable: () => void;
}

const isEmpty = (patch: ApplicationDraft) => Object.keys(patch).length === 0;

/**
 * Collects changes and PATCHes them ~800 ms after the last keystroke, one request at a time, so that
 * the server's fresh eligibility follows the typing without a request per key.
 */
export function useDraftAutosave(applicationId: string, callbacks: AutosaveCallbacks) {
  const pending = useRef<ApplicationDraft>({});
  const timer = useRef<number | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saving = useRef(false);
  const latestCallbacks = useRef(callbacks);
  const [state, setState] = useState<AutosaveState>({ phase: 'idle', savedAt: null, error: null });

  useEffect(() => {
    latestCallbacks.current = callbacks;
  });

  const sendPending = useCallback(async () => {
    const patch = pending.current;
    if (isEmpty(patch)) return;
    pending.current = {};
    setState((s) => ({ ...s, phase: 'saving', error: null }));
    saving.current = true;
    try {
      const view = await applicantApi.saveDraft(applicationId, patch);
      latestCallbacks.current.onSaved(view);
      setState({ phase: isEmpty(pending.current) ? 'saved' : 'pending', savedAt: new Date(), error: null });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : new ApiError(0, { code: 'UNKNOWN', message: String(caught) });
      setState((s) => ({ ...s, phase: 'failed', error: error.message }));
      if (error.code === 'NOT_EDITABLE') {
        latestCallbacks.current.onNotEditable();
      } else if (error.code === 'VALIDATION_FAILED' && error.body.errors?.length) {
        const rejected = new Set(error.body.errors.map((p) => p.field));
        const accepted = Object.fromEntries(Object.entries(patch).filter(([field]) => !rejected.has(field)));
        pending.current = { ...accepted, ...pending.current };
        latestCallbacks.current.onRejected(error.body.errors);
      } else {
        pending.current = { ...patch, ...pending.current };
      }
    } finally {
      saving.current = false;
    }
  }, [applicationId]);

  /** Sends what is waiting now; resolves once every earlier save has finished. Logout waits for it too. */
  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    chain.current = chain.current.then(sendPending);
    return trackSave(chain.current);
  }, [sendPending]);

  const queue = useCallback(
    (patch: ApplicationDraft) => {
      pending.current = { ...pending.current, ...patch };
      setState((s) => ({ ...s, phase: 'pending' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => {
    const warnIfUnsaved = (event: BeforeUnloadEvent) => {
      if (!isEmpty(pending.current) || saving.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnIfUnsaved);
    const unregister = registerFlush(flush);
    return () => {
      window.removeEventListener('beforeunload', warnIfUnsaved);
      unregister();
      if (timer.current !== undefined) void flush();
    };
  }, [flush]);

  return { state, queue, flush };
}
