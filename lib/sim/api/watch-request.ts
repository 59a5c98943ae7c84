import type { ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { Store } from '../store/store';
import type { ResourceType } from '../store/types';
import { badRequest, tooLargeResourceVersion } from './errors';
import type { ObjectFilter } from './filters';
import { waitUntilFresh } from './freshness';
import { intParam } from './http';
import { includeObjectParam } from './table-response';
import type { WatchHub } from './watch';

/** One WATCH request on a collection: where it answers and what it asked for. */
export interface WatchCall {
  res: ServerResponse;
  query: URLSearchParams;
  rt: ResourceType;
  namespace: string | undefined;
  filter: ObjectFilter;
  /** The client asked for server-side printing (`as=Table`). */
  table: boolean;
}

/**
 * Serves a WATCH from its query. A streaming list (`sendInitialEvents=true`) at a
 * resourceVersion the store has not reached waits for it (3 s on the clock), as the cacher's
 * `waitUntilWatchCacheFreshAndForceAllEvents` does, and otherwise gets the cacher's error
 * watcher (`newErrWatcher`): a 200 stream with one ERROR event carrying the 504 "Too large
 * resource version" Status, then the end. A plain watch never waits ("we allow for
 * establishing the connection because the clients can wait for events"): it opens at once and
 * stays quiet until the store passes its resourceVersion.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go
 */
export async function serveWatch(
  store: Store,
  clock: Clock,
  watches: WatchHub,
  call: WatchCall,
): Promise<void> {
  const { res, query } = call;
  const rv = query.get('resourceVersion');
  const fromRv = rv === null || rv === '' || rv === '0' ? undefined : Number(rv);
  if (fromRv !== undefined && !Number.isInteger(fromRv))
    throw badRequest(`invalid resource version: ${rv ?? ''}`);
  const timeout = intParam(query, 'timeoutSeconds');
  const initialEvents = query.get('sendInitialEvents') === 'true';
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  if (initialEvents && fromRv !== undefined) {
    const fresh = await waitUntilFresh(store, clock, fromRv);
    // The client may have gone while the request waited.
    if (res.destroyed) return;
    if (!fresh) {
      watches.refuse(res, tooLargeResourceVersion(fromRv, store.resourceVersion), call.table);
      return;
    }
  }
  watches.serve(res, {
    rt: call.rt,
    namespace: call.namespace,
    filter: call.filter,
    // A streaming list starts with the current state, whatever version it named.
    fromRv: initialEvents ? undefined : fromRv,
    table: call.table ? includeObjectParam(query) : undefined,
    bookmarks,
    initialEventsEnd: initialEvents && bookmarks,
    timeoutMs: (timeout ?? 1800 + Math.floor(Math.random() * 1800)) * 1000,
  });
}
