import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { registerFlush, trackSave } from '../../app/pendingSaves';

const AUTOSAVE_DELAY_MS = 800;

/** `incomplete`: some of the edits cannot be saved until they are filled in (an institution without its code). */
type AutosavePhase = 'idle' | 'pending' | 'saving' | 'saved' | 'failed' | 'incomplete';

export interface AutosaveState {
  phase: AutosavePhase;
  savedAt: Date | null;
  error: string | null;
}

/** One save: its request and what its answer does. */
export interface SaveJob<T> {
  request: () => Promise<T>;
  /** The server took it: returns the phase to show now. */
  saved: (answer: T) => AutosavePhase;
  /** The request failed; the indicator already shows why. */
  failed: (error: ApiError) => void;
}

/**
 * The save to start now; with nothing to send, the phase to show instead (`idle` reads as saved once something
 * has been saved), or undefined to leave the indicator as it is.
 */
export type NextSave<T> = () => SaveJob<T> | AutosavePhase | undefined;

/**
 * The machinery an autosave shares: a save ~800 ms after the last edit, one request at a time, the indicator's
 * state, the logout's flush and the warning before leaving the page with edits unsaved.
 * `nextSave` and `unsaved` (edits not yet sent) must be stable: a new `nextSave` sends what waits with the old one.
 */
export function useSaveQueue<T>(nextSave: NextSave<T>, unsaved: () => boolean) {
  const timer = useRef<number | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const saving = useRef(false);
  const [state, setState] = useState<AutosaveState>({ phase: 'idle', savedAt: null, error: null });

  const send = useCallback(async () => {
    const next = nextSave();
    if (next === undefined) return;
    if (typeof next === 'string') {
      setState((s) => ({ ...s, phase: next === 'idle' && s.savedAt ? 'saved' : next }));
      return;
    }
    setState((s) => ({ ...s, phase: 'saving', error: null }));
    saving.current = true;
    try {
      const answer = await next.request();
      setState({ phase: next.saved(answer), savedAt: new Date(), error: null });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : new ApiError(0, { code: 'UNKNOWN', message: String(caught) });
      setState((s) => ({ ...s, phase: 'failed', error: error.message }));
      next.failed(error);
    } finally {
      saving.current = false;
    }
  }, [nextSave]);

  /** Sends what is waiting now; resolves once every earlier save has finished. Logout waits for it too. */
  const flush = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    chain.current = chain.current.then(send);
    return trackSave(chain.current);
  }, [send]);

  /** An edit is waiting: saved once the typing pauses. */
  const schedule = useCallback(() => {
    setState((s) => ({ ...s, phase: 'pending' }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [flush]);

  /** The server already holds what was waiting (saved some other way): nothing to send. */
  const heldByServer = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    setState({ phase: 'saved', savedAt: new Date(), error: null });
  }, []);

  useEffect(() => {
    const warnIfUnsaved = (event: BeforeUnloadEvent) => {
      if (saving.current || unsaved()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warnIfUnsaved);
    const unregister = registerFlush(flush);
    return () => {
      window.removeEventListener('beforeunload', warnIfUnsaved);
      unregister();
      if (timer.current !== undefined) void flush();
    };
  }, [flush, unsaved]);

  return { state, schedule, flush, heldByServer };
}
