import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DB_FILE, MIGRATIONS, openDb } from './db';
import { EvictionStore, type NewAttempt } from './eviction-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drainboard-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ATTEMPT: NewAttempt = {
  action: 'evict',
  time: '2026-11-29T00:00:00.000Z',
  who: 'ops',
  cluster: 'prod',
  namespace: 'shop',
  pod: 'api-1',
  uid: 'uid-1',
  options: { dryRun: false, gracePeriodSeconds: null, retry: true },
};

describe('the store database', () => {
  it('is created under the data directory in WAL mode, every migration recorded once', () => {
    const db = openDb(join(dir, 'nested'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
    const again = openDb(join(dir, 'nested'));
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(
      MIGRATIONS.length,
    );
    again.close();
  });

  it('refuses a database from a newer Drainboard, and leaves it as it was', () => {
    openDb(dir).close();
    const raw = new Database(join(dir, DB_FILE));
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(MIGRATIONS.length + 1, 'later');
    raw.close();
    expect(() => openDb(dir)).toThrow(/newer than this Drainboard's/);
  });

  it('migrates the attempts of schema version 1: each was an Eviction', () => {
    const raw = new Database(join(dir, DB_FILE));
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)');
    raw.exec(MIGRATIONS[0] ?? '');
    raw.prepare('INSERT INTO schema_migrations VALUES (1, ?)').run(ATTEMPT.time);
    raw
      .prepare(
        `INSERT INTO attempts (time, who, cluster, namespace, pod, uid, options)
         VALUES ('2026-11-28T00:00:00.000Z', 'ops', 'prod', 'shop', 'api-1', 'uid-1', ?)`,
      )
      .run(JSON.stringify(ATTEMPT.options));
    raw.close();
    const store = EvictionStore.open(dir);
    expect(store.list({ cluster: 'prod', limit: 10 })).toMatchObject([
      { action: 'evict', pod: 'api-1', outcome: null },
    ]);
    store.close();
  });
  it('migrates the retries of schema version 2: one pending entry per pod, the others merged', () => {
    const raw = new Database(join(dir, DB_FILE));
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)');
    raw.exec(MIGRATIONS[0] ?? '');
    raw.exec(MIGRATIONS[1] ?? '');
    raw
      .prepare('INSERT INTO schema_migrations VALUES (1, ?), (2, ?)')
      .run(ATTEMPT.time, ATTEMPT.time);
    const attempt = raw.prepare(
      `INSERT INTO attempts (time, who, cluster, namespace, pod, uid, options, outcome)
       VALUES (?, 'ops', 'prod', 'shop', ?, ?, ?, 'queued')`,
    );
    const retry = raw.prepare(
      `INSERT INTO retries (cluster, namespace, pod, uid, options, state, created, budget, attempt_id)
       VALUES ('prod', 'shop', ?, ?, ?, 'pending', ?, 'api', ?)`,
    );
    const options = JSON.stringify(ATTEMPT.options);
    for (const [i, pod] of ['api-1', 'api-1', 'api-2'].entries()) {
      const time = `2026-11-29T00:00:0${i}.000Z`;
      const id = Number(attempt.run(time, pod, `uid-${pod}`, options).lastInsertRowid);
      retry.run(pod, `uid-${pod}`, options, time, id);
    }
    raw.close();
    const store = EvictionStore.open(dir);
    expect(store.retries.pending().map((r) => [r.id, r.pod, r.who, r.attempts])).toEqual([
      [1, 'api-1', 'ops', 1],
      [3, 'api-2', 'ops', 1],
    ]);
    expect(store.retries.get(2)).toMatchObject({
      state: 'cancelled',
      reason: 'Merged into retry #1.',
    });
    expect(store.retries.get(1)?.deadline).toBe(Date.parse('2026-11-29T01:00:00.000Z'));
    expect(store.list({ cluster: 'prod', limit: 10 }).map((a) => a.retryId)).toEqual([3, 2, 1]);
    store.close();
  });
});

describe('EvictionStore', () => {
  it('keeps an attempt in flight without outcome, then its result and its retry entry', () => {
    const store = EvictionStore.open(dir);
    const id = store.begin(ATTEMPT);
    expect(store.list({ cluster: 'prod', limit: 10 })).toMatchObject([
      { id, outcome: null, clusterCode: null, budget: null, latencyMs: null, retryId: null },
    ]);
    const status = {
      generation: 1,
      observedGeneration: 1,
      disruptionsAllowed: 0,
      currentHealthy: 2,
      desiredHealthy: 2,
      expectedPods: 2,
      disruptedPods: {},
    };
    const retryId = store.finish(
      id,
      {
        outcome: 'queued',
        message: 'blocked',
        clusterCode: 429,
        reason: 'TooManyRequests',
        cause: 'The disruption budget api needs 2 healthy pods and has 2 currently',
        budget: { name: 'api', status },
        latencyMs: 12,
      },
      (retries) =>
        retries.createOrJoin(id, {
          created: Date.parse('2026-11-29T00:00:01.000Z'),
          deadline: Date.parse('2026-11-29T01:00:01.000Z'),
          nextAttemptAt: Date.parse('2026-11-29T00:00:04.000Z'),
          budget: 'api',
          blockedByStale: false,
        }).id,
    );
    expect(store.list({ cluster: 'prod', namespace: 'shop', pod: 'api-1', limit: 10 })).toEqual([
      {
        id,
        ...ATTEMPT,
        outcome: 'queued',
        message: 'blocked',
        clusterCode: 429,
        reason: 'TooManyRequests',
        cause: 'The disruption budget api needs 2 healthy pods and has 2 currently',
        budget: { name: 'api', status },
        latencyMs: 12,
        retryId,
      },
    ]);
    expect(store.retries.pending()).toMatchObject([
      {
        id: retryId,
        cluster: 'prod',
        namespace: 'shop',
        pod: 'api-1',
        uid: 'uid-1',
        state: 'pending',
        who: 'ops',
        attempts: 1,
        budget: 'api',
        deadline: Date.parse('2026-11-29T01:00:01.000Z'),
        nextAttemptAt: Date.parse('2026-11-29T00:00:04.000Z'),
        inFlightAttempt: null,
      },
    ]);
    expect(store.list({ cluster: 'other', limit: 10 })).toEqual([]);
    store.close();
  });

  it('records a direct delete as an attempt of its own action', () => {
    const store = EvictionStore.open(dir);
    const id = store.begin({ ...ATTEMPT, action: 'delete' });
    expect(store.list({ cluster: 'prod', limit: 10 })).toMatchObject([{ id, action: 'delete' }]);
    store.close();
  });
});
