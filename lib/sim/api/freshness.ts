import type { Clock } from '../clock';
import type { Store } from '../store/store';

/** How long the watch cache waits for a resourceVersion it has not reached (`blockTimeout`). */
const FRESHNESS_TIMEOUT_MS = 3000;

/**
 * Waits until the store has reached `rv`, for at most {@link FRESHNESS_TIMEOUT_MS} on the
 * clock, as kube-apiserver's watch cache does before it serves a read at a resourceVersion
 * (`waitUntilFreshAndBlock`, `waitUntilFreshLocked`). Resolves `true` once the store is there
 * (at once if it already is), `false` at the deadline, when the caller answers 504 "Too large
 * resource version" (`tooLargeResourceVersion`).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go
 */
export function waitUntilFresh(store: Store, clock: Clock, rv: number): Promise<boolean> {
  if (store.resourceVersion >= rv) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (fresh: boolean): void => {
      unsubscribe();
      clock.clearTimeout(deadline);
      resolve(fresh);
    };
    const deadline = clock.setTimeout(() => finish(false), FRESHNESS_TIMEOUT_MS);
    const unsubscribe = store.subscribe(() => {
      if (store.resourceVersion >= rv) finish(true);
    });
  });
}
