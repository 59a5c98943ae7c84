import 'server-only';

import {
  AttemptViewSchema,
  type AttemptView,
  type BudgetMoment,
  type EvictionOptions,
} from '@/lib/domain/eviction-attempts';
import type { EvictionOutcome, PodAction } from '@/lib/domain/eviction-outcome';

import { openDb, type Db } from './db';
import { DrainStore } from './drain-store';
import { WalkthroughStore } from './walkthrough-store';
import { RetryStore } from './retry-store';
import { TimelineStore } from './timeline-store';

/** An attempt as it starts: before the Eviction (or the DELETE) is sent. */
export interface NewAttempt {
  action: PodAction;
  /** RFC 3339. */
  time: string;
  who: string;
  cluster: string;
  namespace: string;
  pod: string;
  uid: string;
  options: EvictionOptions;
}

/** What the attempt came to. */
export interface AttemptResult {
  outcome: EvictionOutcome;
  message: string;
  clusterCode: number | null;
  reason: string | null;
  cause: string | null;
  budget: { name: string; status: BudgetMoment | null } | null;
  latencyMs: number;
}

/** Which attempts to list, newest first. */
export interface AttemptQuery {
  cluster: string;
  namespace?: string;
  pod?: string;
  limit: number;
}

interface AttemptRow {
  id: number;
  action: string;
  time: string;
  who: string;
  cluster: string;
  namespace: string;
  pod: string;
  uid: string;
  options: string;
  outcome: string | null;
  message: string | null;
  cluster_code: number | null;
  reason: string | null;
  cause: string | null;
  budget_name: string | null;
  budget_status: string | null;
  latency_ms: number | null;
  retry_id: number | null;
}

function viewOf(row: AttemptRow): AttemptView {
  return AttemptViewSchema.parse({
    id: row.id,
    action: row.action,
    time: row.time,
    who: row.who,
    cluster: row.cluster,
    namespace: row.namespace,
    pod: row.pod,
    uid: row.uid,
    options: JSON.parse(row.options) as unknown,
    outcome: row.outcome,
    message: row.message,
    clusterCode: row.cluster_code,
    reason: row.reason,
    cause: row.cause,
    budget:
      row.budget_name === null
        ? null
        : {
            name: row.budget_name,
            status: row.budget_status === null ? null : (JSON.parse(row.budget_status) as unknown),
          },
    latencyMs: row.latency_ms,
    retryId: row.retry_id,
  });
}

/**
 * Every attempt on a pod (Evictions and direct deletes) and the retry queue's entries, in
 * SQLite under the data directory, so they survive a restart. Synchronous (better-sqlite3):
 * each call is one short transaction.
 */
export class EvictionStore {
  /** The retry queue's entries, in the same database. */
  readonly retries: RetryStore;
  /** The termination timelines, in the same database. */
  readonly timelines: TimelineStore;
  /** Node drains, in the same database (their pods' retry entries are in `retries`). */
  readonly drains: DrainStore;
  /** Walkthrough runs and their ticked steps, in the same database. */
  readonly walkthroughs: WalkthroughStore;

  private constructor(private readonly db: Db) {
    this.retries = new RetryStore(db);
    this.timelines = new TimelineStore(db);
    this.drains = new DrainStore(db, this.retries);
    this.walkthroughs = new WalkthroughStore(db);
  }

  /** Opens the store under `dataDir`, migrating its schema. */
  static open(dataDir: string): EvictionStore {
    return new EvictionStore(openDb(dataDir));
  }

  /**
   * Records an attempt before its request is sent; returns its id. An attempt of retry entry
   * `retryId` is marked as the entry's attempt in flight in the same transaction.
   */
  begin(a: NewAttempt, retryId?: number): number {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO attempts (action, time, who, cluster, namespace, pod, uid, options, retry_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          a.action,
          a.time,
          a.who,
          a.cluster,
          a.namespace,
          a.pod,
          a.uid,
          JSON.stringify(a.options),
          retryId ?? null,
        );
      const id = Number(info.lastInsertRowid);
      if (retryId !== undefined) this.retries.markInFlight(retryId, id, Date.parse(a.time));
      return id;
    })();
  }

  /**
   * Records what attempt `id` came to and, in the same transaction, what `then` does with the
   * retry queue (create or settle an entry); returns what `then` returns.
   */
  finish<T>(id: number, r: AttemptResult, then?: (retries: RetryStore) => T): T | undefined {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE attempts SET outcome = ?, message = ?, cluster_code = ?, reason = ?, cause = ?,
             budget_name = ?, budget_status = ?, latency_ms = ? WHERE id = ?`,
        )
        .run(
          r.outcome,
          r.message,
          r.clusterCode,
          r.reason,
          r.cause,
          r.budget?.name ?? null,
          r.budget?.status ? JSON.stringify(r.budget.status) : null,
          r.latencyMs,
          id,
        );
      return then?.(this.retries);
    })();
  }

  /** One attempt, if it exists. */
  attempt(id: number): AttemptView | undefined {
    const row = this.db.prepare('SELECT * FROM attempts WHERE id = ?').get(id) as
      AttemptRow | undefined;
    return row === undefined ? undefined : viewOf(row);
  }

  /** The attempts of a cluster (optionally one namespace, one pod), newest first. */
  list(q: AttemptQuery): AttemptView[] {
    const rows = this.db
      .prepare(
        `SELECT a.* FROM attempts a
         WHERE a.cluster = @cluster
           AND (@namespace IS NULL OR a.namespace = @namespace)
           AND (@pod IS NULL OR a.pod = @pod)
         ORDER BY a.id DESC LIMIT @limit`,
      )
      .all({
        cluster: q.cluster,
        namespace: q.namespace ?? null,
        pod: q.pod ?? null,
        limit: q.limit,
      }) as AttemptRow[];
    return rows.map(viewOf);
  }

  close(): void {
    this.db.close();
  }
}
