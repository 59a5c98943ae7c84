import 'server-only';

import { EvictionOptionsSchema, type EvictionOptions } from '@/lib/domain/eviction-attempts';
import { EvictionOutcomeSchema } from '@/lib/domain/eviction-outcome';
import type { RetryView } from '@/lib/domain/retries';
import type { RetryEntry, RetryState } from '@/lib/domain/retry-policy';

import type { Db } from './db';

/** An entry of the retry queue as stored: the policy's fields (ms) and what it is about. */
export interface RetryRecord extends RetryEntry {
  readonly cluster: string;
  readonly namespace: string;
  readonly pod: string;
  readonly uid: string;
  readonly who: string;
  readonly budget: string | null;
  readonly gracePeriodSeconds: number | null;
  readonly updatedAt: number;
  /** The attempt sent and not yet answered; set at a start means the process died mid-attempt. */
  readonly inFlightAttempt: number | null;
}

/** A new entry with no attempt yet: a pod a drain evicts. */
export interface PlannedRetry {
  cluster: string;
  namespace: string;
  pod: string;
  uid: string;
  who: string;
  gracePeriodSeconds: number | null;
  /** Epoch ms. */
  created: number;
  deadline: number;
  /** The budget it is expected to wait on (its name), if any. */
  budget: string | null;
}

/** A new entry, created with its first (blocked) attempt. */
export interface NewRetry {
  /** Epoch ms. */
  created: number;
  deadline: number;
  nextAttemptAt: number;
  budget: string | null;
  blockedByStale: boolean;
}

interface RetryRow {
  id: number;
  cluster: string;
  namespace: string;
  pod: string;
  uid: string;
  options: string;
  state: RetryState;
  who: string;
  created: string;
  updated: string;
  deadline: string;
  next_attempt: string | null;
  attempts: number;
  consecutive_failures: number;
  blocked_by_stale: number;
  hold_until: string | null;
  budget: string | null;
  reason: string | null;
  in_flight_attempt: number | null;
}

interface AnswerRow {
  retry_id: number;
  id: number;
  time: string;
  outcome: string;
  message: string;
  cause: string | null;
  cluster_code: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (text: string) => Date.parse(text);

function recordOf(row: RetryRow): RetryRecord {
  const options = EvictionOptionsSchema.parse(JSON.parse(row.options));
  return {
    id: row.id,
    state: row.state,
    createdAt: ms(row.created),
    deadline: ms(row.deadline),
    nextAttemptAt: row.next_attempt === null ? ms(row.updated) : ms(row.next_attempt),
    attempts: row.attempts,
    consecutiveFailures: row.consecutive_failures,
    blockedByStale: row.blocked_by_stale === 1,
    holdUntil: row.hold_until === null ? 0 : ms(row.hold_until),
    reason: row.reason,
    cluster: row.cluster,
    namespace: row.namespace,
    pod: row.pod,
    uid: row.uid,
    who: row.who,
    budget: row.budget,
    gracePeriodSeconds: options.gracePeriodSeconds,
    updatedAt: ms(row.updated),
    inFlightAttempt: row.in_flight_attempt,
  };
}

function viewOf(row: RetryRow, answer: AnswerRow | undefined): RetryView {
  const r = recordOf(row);
  return {
    id: r.id,
    cluster: r.cluster,
    namespace: r.namespace,
    pod: r.pod,
    uid: r.uid,
    state: r.state,
    who: r.who,
    createdAt: row.created,
    updatedAt: row.updated,
    deadline: row.deadline,
    nextAttemptAt: r.state === 'pending' ? row.next_attempt : null,
    attempts: r.attempts,
    budget: r.budget,
    inFlight: r.inFlightAttempt !== null,
    blockedByStale: r.blockedByStale,
    lastAnswer:
      answer === undefined
        ? null
        : {
            attemptId: answer.id,
            time: answer.time,
            outcome: EvictionOutcomeSchema.parse(answer.outcome),
            message: answer.message,
            cause: answer.cause,
            clusterCode: answer.cluster_code,
          },
    reason: r.reason,
    gracePeriodSeconds: r.gracePeriodSeconds,
  };
}

/**
 * The retry queue's entries in SQLite: one pending entry per (cluster, pod UID) at most (a
 * unique index), every state change a short transaction. Attempts name their entry
 * (`attempts.retry_id`), so an entry's history is its attempts.
 */
export class RetryStore {
  constructor(private readonly db: Db) {}

  /**
   * Creates the pending entry of `attemptId`'s pod, or joins the pending one it already has;
   * links the attempt to it. Call inside the attempt's finishing transaction.
   */
  createOrJoin(attemptId: number, r: NewRetry): { id: number; joined: boolean } {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO retries (cluster, namespace, pod, uid, options, state, who, created,
           updated, deadline, next_attempt, attempts, blocked_by_stale, budget)
         SELECT cluster, namespace, pod, uid, options, 'pending', who, @created, @created,
           @deadline, @next, 1, @stale, @budget FROM attempts WHERE id = @attempt`,
      )
      .run({
        attempt: attemptId,
        created: iso(r.created),
        deadline: iso(r.deadline),
        next: iso(r.nextAttemptAt),
        stale: r.blockedByStale ? 1 : 0,
        budget: r.budget,
      });
    const joined = info.changes === 0;
    const id = joined
      ? (this.db
          .prepare(
            `SELECT r.id FROM retries r JOIN attempts a ON a.cluster = r.cluster AND a.uid = r.uid
             WHERE a.id = ? AND r.state = 'pending'`,
          )
          .pluck()
          .get(attemptId) as number)
      : Number(info.lastInsertRowid);
    this.db.prepare('UPDATE attempts SET retry_id = ? WHERE id = ?').run(id, attemptId);
    return { id, joined };
  }

  /**
   * Creates a pending entry with no attempt yet, due at once (a drain's pod: the queue sends its
   * eviction when its budget has room), or returns the pod's pending entry if it has one.
   */
  createPlanned(r: PlannedRetry): { id: number; joined: boolean } {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO retries (cluster, namespace, pod, uid, options, state, who, created,
           updated, deadline, next_attempt, attempts, blocked_by_stale, budget)
         VALUES (@cluster, @namespace, @pod, @uid, @options, 'pending', @who, @created, @created,
           @deadline, @created, 0, 0, @budget)`,
      )
      .run({
        cluster: r.cluster,
        namespace: r.namespace,
        pod: r.pod,
        uid: r.uid,
        options: JSON.stringify({
          dryRun: false,
          gracePeriodSeconds: r.gracePeriodSeconds,
          retry: true,
        } satisfies EvictionOptions),
        who: r.who,
        created: iso(r.created),
        deadline: iso(r.deadline),
        budget: r.budget,
      });
    if (info.changes === 1) return { id: Number(info.lastInsertRowid), joined: false };
    const pending = this.pendingFor(r.cluster, r.uid);
    if (pending === undefined) throw new Error(`no pending retry entry for pod ${r.uid}`);
    return { id: pending.id, joined: true };
  }

  /** Marks `attemptId` as the entry's attempt in flight. */
  markInFlight(id: number, attemptId: number, now: number): void {
    this.db
      .prepare('UPDATE retries SET in_flight_attempt = ?, updated = ? WHERE id = ? AND state = ?')
      .run(attemptId, iso(now), id, 'pending');
  }

  /** Writes what the policy made of an answer, and clears the attempt in flight. */
  settle(entry: RetryEntry, budget: string | null, now: number): void {
    this.db
      .prepare(
        `UPDATE retries SET state = @state, attempts = @attempts, next_attempt = @next,
           consecutive_failures = @failures, blocked_by_stale = @stale, hold_until = @hold,
           reason = @reason,
           budget = COALESCE(@budget, budget), updated = @updated, in_flight_attempt = NULL
         WHERE id = @id`,
      )
      .run({
        id: entry.id,
        state: entry.state,
        attempts: entry.attempts,
        next: entry.state === 'pending' ? iso(entry.nextAttemptAt) : null,
        failures: entry.consecutiveFailures,
        stale: entry.blockedByStale ? 1 : 0,
        hold: entry.holdUntil > 0 ? iso(entry.holdUntil) : null,
        reason: entry.reason,
        budget,
        updated: iso(now),
      });
  }

  /**
   * Ends a pending entry without an attempt (cancelled, expired, gone or evicted as the live
   * model shows); false when it was not pending.
   */
  end(id: number, state: Exclude<RetryState, 'pending'>, reason: string, now: number): boolean {
    const info = this.db
      .prepare(
        `UPDATE retries SET state = ?, reason = ?, next_attempt = NULL, in_flight_attempt = NULL,
           updated = ? WHERE id = ? AND state = 'pending'`,
      )
      .run(state, reason, iso(now), id);
    return info.changes === 1;
  }

  /** Moves a pending entry's next attempt, nothing else (a probe the live model answered). */
  reschedule(id: number, nextAttemptAt: number, now: number): void {
    this.db
      .prepare(
        `UPDATE retries SET next_attempt = ?, updated = ? WHERE id = ? AND state = 'pending'`,
      )
      .run(iso(nextAttemptAt), iso(now), id);
  }

  /** Makes a pending entry due now (retry now); false when it was not pending. */
  dueNow(id: number, now: number): boolean {
    const info = this.db
      .prepare(
        `UPDATE retries SET next_attempt = ?, updated = ? WHERE id = ? AND state = 'pending'`,
      )
      .run(iso(now), iso(now), id);
    return info.changes === 1;
  }

  /** Forgets an attempt in flight whose answer will never come (the process died). */
  clearInFlight(id: number, now: number): void {
    this.db
      .prepare('UPDATE retries SET in_flight_attempt = NULL, updated = ? WHERE id = ?')
      .run(iso(now), id);
  }

  get(id: number): RetryRecord | undefined {
    const row = this.db.prepare('SELECT * FROM retries WHERE id = ?').get(id) as
      RetryRow | undefined;
    return row === undefined ? undefined : recordOf(row);
  }

  /** The pending entry of a pod, if any. */
  pendingFor(cluster: string, uid: string): RetryRecord | undefined {
    const row = this.db
      .prepare(`SELECT * FROM retries WHERE cluster = ? AND uid = ? AND state = 'pending'`)
      .get(cluster, uid) as RetryRow | undefined;
    return row === undefined ? undefined : recordOf(row);
  }

  /** Every pending entry, oldest first. */
  pending(): RetryRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM retries WHERE state = 'pending' ORDER BY id`)
      .all() as RetryRow[];
    return rows.map(recordOf);
  }

  /** The entry as the API and the stream show it. */
  view(id: number): RetryView | undefined {
    const row = this.db.prepare('SELECT * FROM retries WHERE id = ?').get(id) as
      RetryRow | undefined;
    return row === undefined ? undefined : viewOf(row, this.lastAnswers([id]).get(id));
  }

  /** A cluster's entries, newest first, at most `limit`. */
  list(cluster: string, limit: number): RetryView[] {
    const rows = this.db
      .prepare('SELECT * FROM retries WHERE cluster = ? ORDER BY id DESC LIMIT ?')
      .all(cluster, limit) as RetryRow[];
    const answers = this.lastAnswers(rows.map((r) => r.id));
    return rows.map((row) => viewOf(row, answers.get(row.id)));
  }

  /** The last answered attempt of each entry. */
  private lastAnswers(ids: readonly number[]): Map<number, AnswerRow> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare(
        `SELECT a.retry_id, a.id, a.time, a.outcome, a.message, a.cause, a.cluster_code
         FROM attempts a JOIN (
           SELECT retry_id, MAX(id) AS id FROM attempts
           WHERE outcome IS NOT NULL AND retry_id IN (SELECT value FROM json_each(?))
           GROUP BY retry_id
         ) last ON last.id = a.id`,
      )
      .all(JSON.stringify(ids)) as AnswerRow[];
    return new Map(rows.map((r) => [r.retry_id, r]));
  }
}
