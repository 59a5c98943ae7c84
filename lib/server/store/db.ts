import 'server-only';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The SQLite handle of better-sqlite3. */
export type Db = Database.Database;

/** The file under the data directory that holds Drainboard's durable state. */
export const DB_FILE = 'drainboard.sqlite';

/**
 * The schema, one migration per entry, applied in order and never edited once released: a
 * change is a new entry. Version N is `MIGRATIONS[N - 1]`.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE attempts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     time TEXT NOT NULL,
     who TEXT NOT NULL,
     cluster TEXT NOT NULL,
     namespace TEXT NOT NULL,
     pod TEXT NOT NULL,
     uid TEXT NOT NULL,
     options TEXT NOT NULL,
     outcome TEXT,
     message TEXT,
     cluster_code INTEGER,
     reason TEXT,
     cause TEXT,
     budget_name TEXT,
     budget_status TEXT,
     latency_ms INTEGER
   );
   CREATE INDEX attempts_by_pod ON attempts (cluster, namespace, pod, id);
   CREATE TABLE retries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     cluster TEXT NOT NULL,
     namespace TEXT NOT NULL,
     pod TEXT NOT NULL,
     uid TEXT NOT NULL,
     options TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('pending')),
     created TEXT NOT NULL,
     budget TEXT,
     attempt_id INTEGER NOT NULL REFERENCES attempts (id)
   );
   CREATE INDEX retries_by_state ON retries (state, cluster);`,
  // A direct delete, the docs' last resort, is recorded as an attempt too; earlier rows evicted.
  `ALTER TABLE attempts ADD COLUMN action TEXT NOT NULL DEFAULT 'evict'
     CHECK (action IN ('evict', 'delete'));`,
  // The durable retry queue (issue 6): every state, the policy's fields, who asked, the attempt
  // in flight; each attempt names its entry. Entries of version 2 were pending, one attempt old;
  // several for one pod (version 2 did not join them) become one, the later ones cancelled.
  `CREATE TABLE retries_v3 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     cluster TEXT NOT NULL,
     namespace TEXT NOT NULL,
     pod TEXT NOT NULL,
     uid TEXT NOT NULL,
     options TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN
       ('pending', 'evicted', 'gone', 'replaced', 'failed', 'cancelled', 'expired')),
     who TEXT NOT NULL,
     created TEXT NOT NULL,
     updated TEXT NOT NULL,
     deadline TEXT NOT NULL,
     next_attempt TEXT,
     attempts INTEGER NOT NULL,
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     blocked_by_stale INTEGER NOT NULL DEFAULT 0,
     hold_until TEXT,
     budget TEXT,
     reason TEXT,
     in_flight_attempt INTEGER REFERENCES attempts (id)
   );
   INSERT INTO retries_v3 (id, cluster, namespace, pod, uid, options, state, who, created,
       updated, deadline, next_attempt, attempts, budget, reason)
     SELECT r.id, r.cluster, r.namespace, r.pod, r.uid, r.options,
       CASE WHEN r.id = first.id THEN r.state ELSE 'cancelled' END, a.who, r.created, r.created,
       strftime('%Y-%m-%dT%H:%M:%fZ', r.created, '+1 hour'),
       CASE WHEN r.id = first.id THEN r.created END, 1, r.budget,
       CASE WHEN r.id = first.id THEN NULL ELSE 'Merged into retry #' || first.id || '.' END
     FROM retries r JOIN attempts a ON a.id = r.attempt_id
     JOIN (SELECT cluster, uid, MIN(id) AS id FROM retries GROUP BY cluster, uid) first
       ON first.cluster = r.cluster AND first.uid = r.uid;
   ALTER TABLE attempts ADD COLUMN retry_id INTEGER REFERENCES retries_v3 (id);
   UPDATE attempts SET retry_id = (SELECT r.id FROM retries r WHERE r.attempt_id = attempts.id);
   DROP TABLE retries;
   ALTER TABLE retries_v3 RENAME TO retries;
   CREATE INDEX retries_by_cluster ON retries (cluster, id);
   CREATE UNIQUE INDEX retries_one_pending ON retries (cluster, uid) WHERE state = 'pending';
   CREATE INDEX attempts_by_retry ON attempts (retry_id, id);`,
  // Per-pod termination timelines (issue 7): one row per pod UID, its facts keyed so that each
  // is recorded once (an attempt's fact is updated when its answer comes).
  `CREATE TABLE timelines (
     cluster TEXT NOT NULL,
     uid TEXT NOT NULL,
     namespace TEXT NOT NULL,
     pod TEXT NOT NULL,
     node TEXT,
     owner TEXT,
     grace INTEGER NOT NULL,
     started TEXT NOT NULL,
     updated TEXT NOT NULL,
     done INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (cluster, uid)
   );
   CREATE INDEX timelines_by_start ON timelines (cluster, started);
   CREATE INDEX timelines_open ON timelines (cluster, done);
   CREATE TABLE timeline_facts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     cluster TEXT NOT NULL,
     uid TEXT NOT NULL,
     key TEXT NOT NULL,
     fact TEXT NOT NULL,
     UNIQUE (cluster, uid, key),
     FOREIGN KEY (cluster, uid) REFERENCES timelines (cluster, uid) ON DELETE CASCADE
   );`,
  // Node drains (issue 8): a drain and each pod it evicts, with the retry entry that does it
  // and the times of its three stages (accepted, gone, replacement Ready).
  `CREATE TABLE drains (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     cluster TEXT NOT NULL,
     nodes TEXT NOT NULL,
     request TEXT NOT NULL,
     state TEXT NOT NULL,
     who TEXT NOT NULL,
     created TEXT NOT NULL,
     updated TEXT NOT NULL,
     deadline TEXT,
     ended TEXT,
     reason TEXT,
     left_pods TEXT NOT NULL DEFAULT '[]'
   );
   CREATE INDEX drains_by_cluster ON drains (cluster, id);
   CREATE INDEX drains_by_state ON drains (state);
   CREATE TABLE drain_pods (
     drain_id INTEGER NOT NULL REFERENCES drains (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     uid TEXT NOT NULL,
     namespace TEXT NOT NULL,
     name TEXT NOT NULL,
     node TEXT NOT NULL,
     owner_kind TEXT,
     owner_name TEXT,
     replaced INTEGER NOT NULL,
     budget TEXT,
     retry_id INTEGER REFERENCES retries (id),
     stage TEXT NOT NULL,
     message TEXT,
     accepted_at TEXT,
     gone_at TEXT,
     ready_at TEXT,
     replacement TEXT,
     PRIMARY KEY (drain_id, uid)
   );`,
  // A drain pod whose pod already had a pending retry entry joined it: the drain must not end
  // that entry, which is not its own.
  `ALTER TABLE drain_pods ADD COLUMN joined INTEGER NOT NULL DEFAULT 0;`,
  // Walkthroughs (issue 9): each one's run on its own embedded cluster and the steps ticked,
  // kept across reloads and restarts.
  `CREATE TABLE walkthroughs (
     id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     started TEXT NOT NULL,
     updated TEXT NOT NULL
   );
   CREATE TABLE walkthrough_steps (
     walkthrough_id TEXT NOT NULL REFERENCES walkthroughs (id) ON DELETE CASCADE,
     step_id TEXT NOT NULL,
     done TEXT NOT NULL,
     PRIMARY KEY (walkthrough_id, step_id)
   );`,
];

/**
 * Opens (creating if needed) the database under `dataDir` in WAL mode and brings its schema to
 * the newest version, each migration in its own transaction, recorded in `schema_migrations`.
 * `':memory:'` is not offered: the state must survive a restart.
 * @throws when the directory cannot be created or the file is not a database of ours.
 */
export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Applies the migrations newer than the recorded version; returns the version reached. */
export function migrate(db: Db): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
     version INTEGER PRIMARY KEY,
     applied_at TEXT NOT NULL
   )`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  const current = row.v ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the database is at schema version ${current}, newer than this Drainboard's ${MIGRATIONS.length}`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      record.run(current + i + 1, new Date().toISOString());
    })();
  });
  return MIGRATIONS.length;
}
