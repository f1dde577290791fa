import { useCallback, useEffect, useRef } from 'react';
import type { ApplicationDraft, ApplicationView, FieldError } from '#contract';
import { applicantApi } from '../../api/endpoints';
import { useSaveQueue, type NextSave } from './useSaveQueue';

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
  const latestCallbacks = useRef(callbacks);

  useEffect(() => {
    latestCallbacks.current = callbacks;
  });

  const nextSave = useCallback<NextSave<ApplicationView>>(() => {
    const patch = pending.current;
    if (isEmpty(patch)) return undefined;
    pending.current = {};
    return {
      request: () => applicantApi.saveDraft(applicationId, patch),
      saved: (view) => {
        latestCallbacks.current.onSaved(view);
        return isEmpty(pending.current) ? 'saved' : 'pending';
      },
      failed: (error) => {
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
      },
    };
  }, [applicationId]);

  const unsaved = useCallback(() => !isEmpty(pending.current), []);

  const { state, schedule, flush } = useSaveQueue(nextSave, unsaved);

  const queue = useCallback(
    (patch: ApplicationDraft) => {
      pending.current = { ...pending.current, ...patch };
      schedule();
    },
    [schedule],
  );

  return { state, queue, flush };
}
