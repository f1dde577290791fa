import { describe, expect, it } from 'vitest';
import { registerFlush, settlePendingSaves, trackSave } from './pendingSaves';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('pending saves', () => {
  it('waits for several saves in flight at once, failed ones included, and flushes debounced edits first', async () => {
    const first = deferred();
    const second = deferred();
    const third = deferred();
    trackSave(first.promise);
    trackSave(second.promise).catch(() => undefined);
    const flushed: string[] = [];
    const unregister = registerFlush(() => {
      flushed.push('draft');
      return trackSave(third.promise);
    });
    let settled = false;
    const settling = settlePendingSaves().then(() => {
      settled = true;
    });
    await tick();
    expect(flushed).toEqual(['draft']);
    first.resolve();
    second.reject(new Error('网络中断'));
    await tick();
    expect(settled).toBe(false);
    third.resolve();
    await settling;
    expect(settled).toBe(true);
    unregister();
  });

  it('also waits for a save started while others were settling', async () => {
    const first = deferred();
    const late = deferred();
    trackSave(first.promise);
    let settled = false;
    const settling = settlePendingSaves().then(() => {
      settled = true;
    });
    trackSave(late.promise);
    first.resolve();
    await tick();
    expect(settled).toBe(false);
    late.resolve();
    await settling;
    expect(settled).toBe(true);
  });

  it('forgets an unregistered flush and gives up on a save that never answers after the limit', async () => {
    let called = false;
    registerFlush(async () => {
      called = true;
    })();
    trackSave(new Promise(() => undefined));
    const started = Date.now();
    await settlePendingSaves(50);
    expect(called).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
