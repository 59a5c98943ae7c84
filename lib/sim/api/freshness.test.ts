import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { eventually, startTestCluster, type TestCluster } from '../testing';

/**
 * Reads at a resourceVersion the store has not reached, over HTTP, on a manual clock: LISTs and
 * streaming WATCHes wait 3 s and then answer "Too large resource version" as kube-apiserver's
 * watch cache does; a plain WATCH opens and stays quiet.
 */

const CM = '/api/v1/namespaces/default/configmaps';
let tc: TestCluster;
let clock: ManualClock;
/** Ends the watch streams the tests leave open. */
const streams = new AbortController();

beforeAll(async () => {
  clock = new ManualClock();
  tc = await startTestCluster({ scenario: 'empty', clock });
});
afterAll(async () => {
  streams.abort();
  await tc?.stop();
});

const url = (query: string) => `${tc.cluster.url}${CM}?${query}`;
const get = (query: string) => fetch(url(query), { signal: streams.signal });

async function json(
  res: Response,
): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

async function create(name: string): Promise<number> {
  const res = await fetch(`${tc.cluster.url}${CM}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ metadata: { name } }),
  });
  expect(res.status, `create ${name}`).toBe(201);
  return Number(
    ((await res.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
  );
}

/**
 * Starts `request` and resolves once the server waits for freshness (one more timer pending),
 * with the reply still to come (wrapped, so that awaiting this does not await the reply).
 */
async function waiting<T>(request: () => Promise<T>): Promise<{ reply: Promise<T> }> {
  const before = clock.pendingCount;
  const reply = request();
  await eventually(() => clock.pendingCount > before, 5000, 'the server to wait');
  return { reply };
}

/** Whether `p` settles within 100 ms of real time. */
async function settles(p: Promise<unknown>): Promise<boolean> {
  const timeout = new Promise<false>((done) => setTimeout(() => done(false), 100));
  return Promise.race([p.then(() => true), timeout]);
}

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> };
  };
}

/** The events of a watch response as they arrive, and a promise of its end. */
function events(res: Response): { seen: WatchEvent[]; ended: Promise<void> } {
  const seen: WatchEvent[] = [];
  const ended = (async () => {
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += Buffer.from(chunk).toString('utf8');
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        seen.push(JSON.parse(buffer.slice(0, i)) as WatchEvent);
        buffer = buffer.slice(i + 1);
      }
    }
  })().catch(() => undefined);
  return { seen, ended };
}

const current = () => tc.cluster.store.resourceVersion;

/** The Status kube-apiserver answers (`storage.NewTooLargeResourceVersionError(rv, current, 1)`). */
const tooLarge = (rv: number, now: number) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: `Timeout: Too large resource version: ${rv}, current: ${now}`,
  reason: 'Timeout',
  details: {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  },
  code: 504,
});

describe('LIST at a resourceVersion the store has not reached', () => {
  it.each([
    ['no resourceVersionMatch', ''],
    ['NotOlderThan', '&resourceVersionMatch=NotOlderThan'],
    ['Exact', '&resourceVersionMatch=Exact'],
    ['NotOlderThan with limit', '&resourceVersionMatch=NotOlderThan&limit=1'],
    ['a legacy exact match (limit)', '&limit=1'],
  ])('%s: waits 3 s on the clock, then 504 Too large resource version', async (_, extra) => {
    const rv = current() + 100;
    const { reply } = await waiting(() => get(`resourceVersion=${rv}${extra}`));
    clock.advance(2999);
    expect(await settles(reply)).toBe(false);
    clock.advance(1);
    expect(await json(await reply)).toEqual({
      status: 504,
      retryAfter: '1',
      body: tooLarge(rv, current()),
    });
  });

  it('is served once the store reaches the version within the wait', async () => {
    const rv = current() + 1;
    const { reply } = await waiting(() => get(`resourceVersion=${rv}`));
    expect(await create('arrives')).toBe(rv);
    const { status, body } = await json(await reply);
    expect(status).toBe(200);
    const list = body as { metadata: { resourceVersion: string }; items: WatchEvent['object'][] };
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThanOrEqual(rv);
    expect(list.items.map((i) => i.metadata?.name)).toContain('arrives');
  });

  it.each([['resourceVersion=0'], ['resourceVersion='], ['limit=1']])(
    '%s: served at once, without waiting',
    async (query) => {
      const before = clock.pendingCount;
      const res = await get(query);
      expect(res.status).toBe(200);
      expect(clock.pendingCount).toBe(before);
    },
  );
});

describe('WATCH at a resourceVersion the store has not reached', () => {
  const streaming = (rv: number) =>
    `watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=${rv}`;

  it('a streaming list waits 3 s, then one ERROR event with the 504 Status, and the end', async () => {
    const rv = current() + 100;
    const { reply } = await waiting(() => get(streaming(rv)));
    clock.advance(2999);
    expect(await settles(reply)).toBe(false);
    clock.advance(1);
    const res = await reply;
    expect(res.status).toBe(200);
    const { seen, ended } = events(res);
    await ended;
    expect(seen).toEqual([{ type: 'ERROR', object: tooLarge(rv, current()) }]);
  });

  it('a streaming list whose version arrives in time starts with the current state', async () => {
    const rv = current() + 1;
    const { reply } = await waiting(() => get(streaming(rv)));
    await create('streamed');
    const res = await reply;
    expect(res.status).toBe(200);
    const { seen } = events(res);
    await eventually(() => seen.some((e) => e.type === 'BOOKMARK'), 5000, 'the end bookmark');
    const added = seen.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata?.name);
    expect(added).toEqual(expect.arrayContaining(['arrives', 'streamed']));
    const bookmark = seen.find((e) => e.type === 'BOOKMARK');
    expect(bookmark?.object.metadata?.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('a plain watch opens at once and delivers only what is newer, with no bookmark before', async () => {
    const rv = current() + 50;
    const res = await get(`watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`);
    expect(res.status).toBe(200);
    const { seen } = events(res);
    clock.advance(10_000);
    expect(current()).toBeLessThan(rv);
    const made: [string, number][] = [];
    for (let i = 0; current() <= rv + 1; i++) made.push([`p${i}`, await create(`p${i}`)]);
    const newer = made.filter(([, at]) => at > rv).map(([name]) => `ADDED ${name}`);
    expect(newer.length).toBeGreaterThan(0);
    await eventually(() => seen.length >= newer.length, 5000, 'the newer events');
    clock.advance(10_000);
    await eventually(() => seen.some((e) => e.type === 'BOOKMARK'), 5000, 'a bookmark');
    const types = seen.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`.trim());
    expect(types).toEqual([...newer, 'BOOKMARK']);
  });
});
