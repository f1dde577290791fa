import { lazy, type ComponentType } from 'react';

/**
 * A component loaded on first render from a chunk of its own, by its export name (React.lazy wants a
 * default export): a page, or a part of the shell only some users see. Render it inside a Suspense.
 */
export function lazyNamed<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
