import 'server-only';

import { TimelineFactSchema, type TimelineFact } from '@/lib/domain/timelines';
import { OwnerRefViewSchema, type OwnerRefView } from '@/lib/domain/views';

import type { Db } from './db';

/** Who a timeline is about: the pod as it was when the recorder first saw it go. */
export interface TimelineHead {
  cluster: string;
  uid: string;
  namespace: string;
  pod: string;
  node: string | null;
  owner: OwnerRefView | null;
  terminationGracePeriodSeconds: number;
  /** RFC 3339. */
  startedAt: string;
}

/** A stored timeline: its head, its facts in the order recorded, and when it last changed. */
export interface StoredTimeline extends TimelineHead {
  updatedAt: string;
  done: boolean;
  facts: TimelineFact[];
}

/** Which timelines to list, newest first. */
export interface TimelineQuery {
  cluster: string;
  namespace?: string;
  node?: string;
  /** The owner's name (any kind). */
  owner?: string;
  /** RFC 3339: started at or after. */
  since?: string;
  limit: number;
}

interface HeadRow {
  cluster: string;
  uid: string;
  namespace: string;
  pod: string;
  node: string | null;
  owner: string | null;
  grace: number;
  started: string;
  updated: string;
  done: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function headOf(row: HeadRow): Omit<StoredTimeline, 'facts'> {
  return {
    cluster: row.cluster,
    uid: row.uid,
    namespace: row.namespace,
    pod: row.pod,
    node: row.node,
    owner: row.owner === null ? null : OwnerRefViewSchema.parse(JSON.parse(row.owner)),
    terminationGracePeriodSeconds: row.grace,
    startedAt: row.started,
    updatedAt: row.updated,
    done: row.done === 1,
  };
}

/**
 * The recorded termination timelines in SQLite: a head per pod UID and its facts, each under
 * a key so that it is recorded once however often the recorder sees it (after a relist, a
 * restart). Synchronous (better-sqlite3).
 */
export class TimelineStore {
  constructor(private readonly db: Db) {}

  /** Creates the timeline of a pod unless it exists; a node learnt later is filled in. */
  ensure(head: TimelineHead, now: number): void {
    this.db
      .prepare(
        `INSERT INTO timelines (cluster, uid, namespace, pod, node, owner, grace, started, updated)
         VALUES (@cluster, @uid, @namespace, @pod, @node, @owner, @grace, @started, @updated)
         ON CONFLICT (cluster, uid) DO UPDATE SET node = COALESCE(timelines.node, excluded.node)`,
      )
      .run({
        ...head,
        owner: head.owner === null ? null : JSON.stringify(head.owner),
        grace: head.terminationGracePeriodSeconds,
        // Normalised (ms, Z), so that times compare as text in order.
        started: new Date(head.startedAt).toISOString(),
        updated: iso(now),
      });
  }

  /** Records a fact once under `key`; true when it is new. */
  add(cluster: string, uid: string, key: string, fact: TimelineFact, now: number): boolean {
    const info = this.db
      .prepare('INSERT OR IGNORE INTO timeline_facts (cluster, uid, key, fact) VALUES (?, ?, ?, ?)')
      .run(cluster, uid, key, JSON.stringify(fact));
    if (info.changes === 1) this.touch(cluster, uid, now);
    return info.changes === 1;
  }

  /** Records a fact under `key`, replacing what was there (an attempt answered since). */
  put(cluster: string, uid: string, key: string, fact: TimelineFact, now: number): void {
    this.db
      .prepare(
        `INSERT INTO timeline_facts (cluster, uid, key, fact) VALUES (?, ?, ?, ?)
         ON CONFLICT (cluster, uid, key) DO UPDATE SET fact = excluded.fact`,
      )
      .run(cluster, uid, key, JSON.stringify(fact));
    this.touch(cluster, uid, now);
  }

  /** The keys of the facts recorded for a pod. */
  keys(cluster: string, uid: string): Set<string> {
    const rows = this.db
      .prepare('SELECT key FROM timeline_facts WHERE cluster = ? AND uid = ?')
      .pluck()
      .all(cluster, uid) as string[];
    return new Set(rows);
  }

  /** Marks a timeline complete: nothing more is expected of it. */
  finish(cluster: string, uid: string, now: number): void {
    this.db
      .prepare('UPDATE timelines SET done = 1, updated = ? WHERE cluster = ? AND uid = ?')
      .run(iso(now), cluster, uid);
  }

  /** The pod's timeline is recorded and complete (without reading its facts). */
  isDone(cluster: string, uid: string): boolean {
    return (
      this.db
        .prepare('SELECT done FROM timelines WHERE cluster = ? AND uid = ?')
        .pluck()
        .get(cluster, uid) === 1
    );
  }

  get(cluster: string, uid: string): StoredTimeline | undefined {
    const row = this.db
      .prepare('SELECT * FROM timelines WHERE cluster = ? AND uid = ?')
      .get(cluster, uid) as HeadRow | undefined;
    return row === undefined ? undefined : { ...headOf(row), facts: this.facts(cluster, uid) };
  }

  /** The timelines still in progress of a cluster. */
  open(cluster: string): StoredTimeline[] {
    const rows = this.db
      .prepare('SELECT * FROM timelines WHERE cluster = ? AND done = 0 ORDER BY started')
      .all(cluster) as HeadRow[];
    return rows.map((row) => ({ ...headOf(row), facts: this.facts(row.cluster, row.uid) }));
  }

  /** A cluster's timelines, newest first. */
  list(q: TimelineQuery): StoredTimeline[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM timelines WHERE cluster = @cluster
           AND (@namespace IS NULL OR namespace = @namespace)
           AND (@node IS NULL OR node = @node)
           AND (@owner IS NULL OR json_extract(owner, '$.name') = @owner)
           AND (@since IS NULL OR started >= @since)
         ORDER BY started DESC, uid LIMIT @limit`,
      )
      .all({
        cluster: q.cluster,
        namespace: q.namespace ?? null,
        node: q.node ?? null,
        owner: q.owner ?? null,
        since: q.since === undefined ? null : new Date(q.since).toISOString(),
        limit: q.limit,
      }) as HeadRow[];
    return rows.map((row) => ({ ...headOf(row), facts: this.facts(row.cluster, row.uid) }));
  }

  /** Forgets the complete timelines last changed before `before` (ms); returns how many. */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM timelines WHERE done = 1 AND updated < ?').run(iso(before))
      .changes;
  }

  private facts(cluster: string, uid: string): TimelineFact[] {
    const rows = this.db
      .prepare('SELECT fact FROM timeline_facts WHERE cluster = ? AND uid = ? ORDER BY id')
      .pluck()
      .all(cluster, uid) as string[];
    return rows.map((text) => TimelineFactSchema.parse(JSON.parse(text)));
  }

  private touch(cluster: string, uid: string, now: number): void {
    this.db
      .prepare('UPDATE timelines SET updated = ? WHERE cluster = ? AND uid = ?')
      .run(iso(now), cluster, uid);
  }
}
