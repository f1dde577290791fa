/**
 * Saves the app still owes the server: autosaves register how to send their debounced edits now, and every
 * request they start. Logging out settles them all first, so an edit typed a moment before is not lost.
 */
type Flush = () => Promise<unknown>;

const flushers = new Set<Flush>();
const inFlight = new Set<Promise<unknown>>();

/** An autosave's "send what is waiting now"; returns the unregistration. */
export function registerFlush(flush: Flush): () => void {
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
  };
}

/** A save request: kept until it settles. Returns the same promise. */
export function trackSave<T>(save: Promise<T>): Promise<T> {
  inFlight.add(save);
  const forget = () => {
    inFlight.delete(save);
  };
  save.then(forget, forget);
  return save;
}

/**
 * Sends every debounced edit and waits until every save has settled (succeeded or failed), or until
 * `limitMs` has passed: a server that never answers must not keep the user from logging out.
 */
export async function settlePendingSaves(limitMs = 15_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
  });
  const settle = async () => {
    await Promise.allSettled([...flushers].map((flush) => flush()));
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  try {
    await Promise.race([settle(), limit]);
  } finally {
    clearTimeout(timer);
  }
}
