import type { ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { Store } from '../store/store';
import type { KObject, ResourceType } from '../store/types';
import { apiVersionOf } from '../store/types';
import { badRequest, gone, tooLargeResourceVersion } from './errors';
import type { ObjectFilter } from './filters';
import { waitUntilFresh } from './freshness';
import { intParam, sendJson, TABLE_CONTENT_TYPE } from './http';
import { includeObjectParam } from './table-response';
import { toTable } from './tables';

interface ContinueToken {
  rv: number;
  after: string;
}

// NUL sorts before every name character, so these keys compare in Store.list's order ("pg" before "pg-x").
const keyOf = (o: KObject): string => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name ?? ''}`;

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof parsed.rv === 'number' && typeof parsed.after === 'string') return parsed;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
}

/**
 * Checks a list's resourceVersion before it is served: unset and "0" serve the newest state
 * at once. Any other version the store has not reached is waited for (3 s on the clock) and
 * then refused with 504 "Too large resource version", whatever `resourceVersionMatch` and
 * `limit` say: kube-apiserver (1.34+) serves every such list from its watch cache, which waits
 * in `waitUntilFreshLocked` (`waitAndListLatestRV` for NotOlderThan, `waitAndListExactRV` for
 * Exact and a legacy exact match with `limit`). `Exact` of an older version is 410.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go
 */
export async function checkListVersion(
  store: Store,
  clock: Clock,
  query: URLSearchParams,
): Promise<void> {
  const raw = query.get('resourceVersion');
  if (raw === null || raw === '' || raw === '0') return;
  if (!/^\d+$/.test(raw)) throw badRequest(`invalid resource version: ${raw}`);
  const rv = Number(raw);
  if (!(await waitUntilFresh(store, clock, rv))) {
    throw tooLargeResourceVersion(rv, store.resourceVersion);
  }
  if (query.get('resourceVersionMatch') === 'Exact' && rv !== store.resourceVersion) {
    throw gone(`too old resource version: ${rv} (${store.resourceVersion})`);
  }
}

/**
 * LIST with selectors, `limit`/`continue` pagination and server-side printing, once
 * {@link checkListVersion} has passed.
 */
export function serveList(
  res: ServerResponse,
  store: Store,
  rt: ResourceType,
  namespace: string | undefined,
  filter: ObjectFilter,
  query: URLSearchParams,
  table: boolean,
  now: number,
): void {
  const limit = intParam(query, 'limit') ?? 0;
  const token = query.get('continue');
  let rv = store.resourceVersion;
  let items = store.list(rt.key, namespace).filter(filter);
  if (token) {
    const cont = decodeContinue(token);
    if (cont.rv < store.compactedResourceVersion) {
      throw gone(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    rv = cont.rv;
    items = items.filter((o) => keyOf(o) > cont.after);
  }
  const metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number } = {
    resourceVersion: String(rv),
  };
  if (limit > 0 && items.length > limit) {
    const remaining = items.length - limit;
    items = items.slice(0, limit);
    metadata.continue = Buffer.from(
      JSON.stringify({ rv, after: keyOf(items[items.length - 1] as KObject) }),
    ).toString('base64url');
    if (!query.get('labelSelector') && !query.get('fieldSelector'))
      metadata.remainingItemCount = remaining;
  }
  if (table) {
    const t = toTable(rt.key, items, now, {
      includeObject: includeObjectParam(query),
      listMeta: metadata,
    });
    sendJson(res, 200, t, {}, TABLE_CONTENT_TYPE);
    return;
  }
  sendJson(res, 200, { kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata, items });
}
