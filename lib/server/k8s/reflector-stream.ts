import 'server-only';

import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

import { isCacheable, stripManagedFields, type CachedObject } from './reflector-cache';
import { fail, ok, openRequest, readBody, statusFields, type Result } from './reflector-http';

/** One complete LIST: every page's items and the resourceVersion to watch from. */
export interface ListResult {
  items: CachedObject[];
  resourceVersion: string;
}

/**
 * Lists `path` in pages of `limit`, following `continue`, with no resourceVersion (a fresh,
 * consistent read; a relist after 410 must not reuse the old one, kubernetes#133810). The
 * first page's resourceVersion is the one to watch from: a watch replays from there, so
 * nothing that changed while later pages were read can be missed.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks
 */
export async function listAll(
  kc: KubeConfig,
  path: string,
  limit: number,
  signal: AbortSignal,
): Promise<Result<ListResult>> {
  const items: CachedObject[] = [];
  let resourceVersion: string | undefined;
  let token = '';
  do {
    const query: Record<string, string> = { limit: String(limit) };
    if (token !== '') query.continue = token;
    const page = await listPage(kc, path, query, signal);
    if (!page.ok) return fail(page.error);
    items.push(...page.value.items);
    resourceVersion ??= page.value.resourceVersion;
    token = page.value.continue;
  } while (token !== '');
  return ok({ items, resourceVersion: resourceVersion ?? '' });
}

interface Page {
  items: CachedObject[];
  resourceVersion: string;
  continue: string;
}

async function listPage(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  signal: AbortSignal,
): Promise<Result<Page>> {
  const res = await openRequest(kc, path, query, signal);
  if (!res.ok) return fail(res.error);
  const body = await readBody(res.value);
  if (!body.ok) return fail(body.error);
  let parsed: { metadata?: { resourceVersion?: unknown; continue?: unknown }; items?: unknown };
  try {
    parsed = JSON.parse(body.value) as typeof parsed;
  } catch (e) {
    return fail({ kind: 'parse', message: `list body: ${String(e)}` });
  }
  const rv = parsed.metadata?.resourceVersion;
  if (typeof rv !== 'string' || !Array.isArray(parsed.items)) {
    return fail({ kind: 'parse', message: 'list without metadata.resourceVersion or items' });
  }
  const items = parsed.items as unknown[];
  if (!items.every(isCacheable)) {
    return fail({ kind: 'parse', message: 'list item without uid, name or resourceVersion' });
  }
  const token = parsed.metadata?.continue;
  return ok({
    items: items.map(stripManagedFields),
    resourceVersion: rv,
    continue: typeof token === 'string' ? token : '',
  });
}

/**
 * One event of a watch stream. `BOOKMARK` carries only `metadata.resourceVersion`.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#watch-bookmarks
 */
export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: CachedObject }
  | { type: 'BOOKMARK'; resourceVersion: string };

/** Parses one line of a watch stream; an `ERROR` event becomes its Status as an error. */
export function parseWatchLine(line: string): Result<WatchEvent> {
  let ev: { type?: unknown; object?: { metadata?: { resourceVersion?: unknown } } };
  try {
    ev = JSON.parse(line) as typeof ev;
  } catch (e) {
    return fail({ kind: 'parse', message: `watch line: ${String(e)}` });
  }
  const rv = ev.object?.metadata?.resourceVersion;
  switch (ev.type) {
    case 'BOOKMARK':
      if (typeof rv === 'string') return ok({ type: 'BOOKMARK', resourceVersion: rv });
      break;
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      if (isCacheable(ev.object))
        return ok({ type: ev.type, object: stripManagedFields(ev.object) });
      break;
    case 'ERROR': {
      const s = statusFields(ev.object);
      if (s !== undefined) return fail({ kind: 'status', code: s.code ?? 0, ...s });
      break;
    }
  }
  return fail({ kind: 'parse', message: `unexpected watch event: ${line.slice(0, 200)}` });
}

/**
 * Feeds each event of an open watch response to `onEvent` as it arrives. Resolves `ok` when
 * the server ends the stream, or with the first error: an `ERROR` event (410 `Expired`
 * included), a line that does not parse, or a broken connection. Destroys the response on
 * error so that no second stream is ever left open.
 */
export function streamWatch(
  res: IncomingMessage,
  onEvent: (ev: WatchEvent) => void,
): Promise<Result<void>> {
  return new Promise((resolve) => {
    let buffer = '';
    let done = false;
    const finish = (r: Result<void>) => {
      if (done) return;
      done = true;
      if (!r.ok) res.destroy();
      resolve(r);
    };
    const feed = (line: string) => {
      if (done || line.trim() === '') return;
      const ev = parseWatchLine(line);
      if (ev.ok) onEvent(ev.value);
      else finish(fail(ev.error));
    };
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\n'); i >= 0 && !done; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        feed(line);
      }
    });
    res.on('end', () => {
      feed(buffer);
      finish(ok(undefined));
    });
    res.on('error', (e) => finish(fail({ kind: 'unreachable', message: e.message })));
    res.on('close', () => finish(fail({ kind: 'unreachable', message: 'watch stream cut short' })));
  });
}
