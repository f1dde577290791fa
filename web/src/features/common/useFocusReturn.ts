import { useEffect, useRef } from 'react';

/**
 * A ref for the control that starts a long action (an upload, an import, a save). While the action runs the
 * control is disabled and the browser drops its focus to the page; once `busy` ends, focus comes back to the
 * control, unless the user has meanwhile put it somewhere else.
 */
export function useFocusReturn<T extends HTMLElement>(busy: boolean) {
  const ref = useRef<T>(null);
  const wasBusy = useRef(busy);
  useEffect(() => {
    const finished = wasBusy.current && !busy;
    wasBusy.current = busy;
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (finished && focusLost) ref.current?.focus();
  }, [busy]);
  return ref;
}
