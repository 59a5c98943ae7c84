import 'server-only';

import { z } from 'zod';

import {
  DrainPlanSchema,
  DrainStageSchema,
  DrainStateSchema,
  type DrainStage,
  type DrainState,
} from '@/lib/domain/drains';

import type { Db } from './db';
import type { PlannedRetry, RetryStore } from './retry-store';

/** The options a drain was started with, as stored. */
export const DrainOptionsSchema = DrainPlanSchema.shape.request;
export type DrainOptions = z.infer<typeof DrainOptionsSchema>;

/** A pod left at a stop, a timeout or a failure, and why. */
export const LeftPodSchema = z.object({ namespace: z.string(), name: z.string(), why: z.string() });
export type LeftPod = z.infer<typeof LeftPodSchema>;

/** A drain as stored. */
export interface DrainRecord {
  id: number;
  cluster: string;
  nodes: string[];
  options: DrainOptions;
  state: DrainState;
  who: string;
  createdAt: string;
  updatedAt: string;
  deadline: string | null;
  endedAt: string | null;
  reason: string | null;
  left: LeftPod[];
}

/** One pod of a drain as stored. */
export interface DrainPodRecord {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  owner: { kind: string; name: string } | null;
  replaced: boolean;
  budget: string | null;
  retryId: number | null;
  /** Its retry entry was the pod's own before the drain (joined, not created): not the drain's to end. */
  joined: boolean;
  stage: DrainStage;
  message: string | null;
  acceptedAt: string | null;
  goneAt: string | null;
  readyAt: string | null;
  replacement: string | null;
}

/** A pod to evict in a new drain. */
export type NewDrainPod = Pick<
  DrainPodRecord,
  'uid' | 'namespace' | 'name' | 'node' | 'owner' | 'replaced' | 'budget'
>;

/** What changes of a drain's pod as it moves on. */
export type DrainPodChange = Partial<
  Pick<
    DrainPodRecord,
    'stage' | 'message' | 'acceptedAt' | 'goneAt' | 'readyAt' | 'replacement' | 'budget'
  >
>;

interface DrainRow {
  id: number;
  cluster: string;
  nodes: string;
  request: string;
  state: string;
  who: string;
  created: string;
  updated: string;
  deadline: string | null;
  ended: string | null;
  reason: string | null;
  left_pods: string;
}

interface DrainPodRow {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  owner_kind: string | null;
  owner_name: string | null;
  replaced: number;
  budget: string | null;
  retry_id: number | null;
  joined: number;
  stage: string;
  message: string | null;
  accepted_at: string | null;
  gone_at: string | null;
  ready_at: string | null;
  replacement: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function recordOf(row: DrainRow): DrainRecord {
  return {
    id: row.id,
    cluster: row.cluster,
    nodes: z.array(z.string()).parse(JSON.parse(row.nodes)),
    options: DrainOptionsSchema.parse(JSON.parse(row.request)),
    state: DrainStateSchema.parse(row.state),
    who: row.who,
    createdAt: row.created,
    updatedAt: row.updated,
    deadline: row.deadline,
    endedAt: row.ended,
    reason: row.reason,
    left: z.array(LeftPodSchema).parse(JSON.parse(row.left_pods)),
  };
}

function podOf(row: DrainPodRow): DrainPodRecord {
  return {
    uid: row.uid,
    namespace: row.namespace,
    name: row.name,
    node: row.node,
    owner:
      row.owner_kind !== null && row.owner_name !== null
        ? { kind: row.owner_kind, name: row.owner_name }
        : null,
    replaced: row.replaced === 1,
    budget: row.budget,
    retryId: row.retry_id,
    joined: row.joined === 1,
    stage: DrainStageSchema.parse(row.stage),
    message: row.message,
    acceptedAt: row.accepted_at,
    goneAt: row.gone_at,
    readyAt: row.ready_at,
    replacement: row.replacement,
  };
}

const POD_COLUMNS: Readonly<Record<keyof DrainPodChange, string>> = {
  stage: 'stage',
  message: 'message',
  acceptedAt: 'accepted_at',
  goneAt: 'gone_at',
  readyAt: 'ready_at',
  replacement: 'replacement',
  budget: 'budget',
};

/**
 * Node drains in SQLite: a drain, and each pod it evicts with the retry entry that evicts it
 * and the times of its three stages. A drain and its retry entries are created in one
 * transaction, so a restart finds either both or neither.
 */
export class DrainStore {
  constructor(
    private readonly db: Db,
    private readonly retries: RetryStore,
  ) {}

  /**
   * Creates a running drain and, for each pod, its pending retry entry (or joins the pod's
   * pending entry), in one transaction; returns the drain's id and the entries' ids. The
   * drain's deadline is kept only when it has a timeout.
   */
  create(
    d: { cluster: string; nodes: string[]; options: DrainOptions; who: string; now: number },
    pods: readonly NewDrainPod[],
    deadlines: { drain: number; entries: number },
  ): { id: number; retryIds: number[] } {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO drains (cluster, nodes, request, state, who, created, updated, deadline)
           VALUES (?, ?, ?, 'running', ?, ?, ?, ?)`,
        )
        .run(
          d.cluster,
          JSON.stringify(d.nodes),
          JSON.stringify(d.options),
          d.who,
          iso(d.now),
          iso(d.now),
          d.options.timeoutSeconds > 0 ? iso(deadlines.drain) : null,
        );
      const id = Number(info.lastInsertRowid);
      const insert = this.db.prepare(
        `INSERT INTO drain_pods (drain_id, seq, uid, namespace, name, node, owner_kind, owner_name,
           replaced, budget, retry_id, joined, stage)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting')`,
      );
      const retryIds = pods.map((p, seq) => {
        const planned: PlannedRetry = {
          cluster: d.cluster,
          namespace: p.namespace,
          pod: p.name,
          uid: p.uid,
          who: d.who,
          gracePeriodSeconds: d.options.gracePeriodSeconds,
          created: d.now,
          deadline: deadlines.entries,
          budget: p.budget,
        };
        const { id: retry, joined } = this.retries.createPlanned(planned);
        const owner = p.owner;
        insert.run(
          id,
          seq,
          p.uid,
          p.namespace,
          p.name,
          p.node,
          owner?.kind ?? null,
          owner?.name ?? null,
          p.replaced ? 1 : 0,
          p.budget,
          retry,
          joined ? 1 : 0,
        );
        return retry;
      });
      return { id, retryIds };
    })();
  }

  get(id: number): DrainRecord | undefined {
    const row = this.db.prepare('SELECT * FROM drains WHERE id = ?').get(id) as
      DrainRow | undefined;
    return row === undefined ? undefined : recordOf(row);
  }

  /** The pods of drain `id`, in the order they were planned. */
  pods(id: number): DrainPodRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM drain_pods WHERE drain_id = ? ORDER BY seq')
      .all(id) as DrainPodRow[];
    return rows.map(podOf);
  }

  /** A cluster's drains, newest first, at most `limit`. */
  list(cluster: string, limit: number): DrainRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM drains WHERE cluster = ? ORDER BY id DESC LIMIT ?')
      .all(cluster, limit) as DrainRow[];
    return rows.map(recordOf);
  }

  /** Drains not over yet (running or drained), oldest first. */
  active(): DrainRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM drains WHERE state IN ('running', 'drained') ORDER BY id`)
      .all() as DrainRow[];
    return rows.map(recordOf);
  }

  /** Writes what changed of a pod of drain `id`. */
  updatePod(id: number, uid: string, change: DrainPodChange): void {
    const keys = Object.keys(change) as (keyof DrainPodChange)[];
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${POD_COLUMNS[k]} = @${k}`).join(', ');
    this.db
      .prepare(`UPDATE drain_pods SET ${sets} WHERE drain_id = @id AND uid = @uid`)
      .run({ ...change, id, uid });
  }

  /** Moves drain `id` to `state`; a final state records its end, reason and left pods. */
  setState(
    id: number,
    state: DrainState,
    now: number,
    end?: { reason: string; left: readonly LeftPod[] },
  ): void {
    this.db
      .prepare(
        `UPDATE drains SET state = @state, updated = @now,
           ended = COALESCE(@ended, ended), reason = COALESCE(@reason, reason),
           left_pods = COALESCE(@left, left_pods)
         WHERE id = @id`,
      )
      .run({
        id,
        state,
        now: iso(now),
        ended: end !== undefined ? iso(now) : null,
        reason: end?.reason ?? null,
        left: end !== undefined ? JSON.stringify(end.left) : null,
      });
  }
}
