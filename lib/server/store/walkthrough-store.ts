import 'server-only';

import type { Db } from './db';

/** A walkthrough's run: `running` on its cluster, or `finished` (its cluster removed). */
export type WalkthroughRunState = 'running' | 'finished';

/** A walkthrough's run as stored, with the steps ticked (step id → RFC 3339). */
export interface WalkthroughRun {
  id: string;
  state: WalkthroughRunState;
  startedAt: string;
  updatedAt: string;
  done: Map<string, string>;
}

interface RunRow {
  id: string;
  state: WalkthroughRunState;
  started: string;
  updated: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Walkthrough runs and their ticked steps in SQLite, so progress survives reloads and restarts. */
export class WalkthroughStore {
  constructor(private readonly db: Db) {}

  /** Starts (or starts again) a run: state `running`, no step ticked. */
  begin(id: string, now: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM walkthroughs WHERE id = ?').run(id);
      this.db
        .prepare(
          `INSERT INTO walkthroughs (id, state, started, updated) VALUES (?, 'running', ?, ?)`,
        )
        .run(id, iso(now), iso(now));
    })();
  }

  /**
   * Ticks steps (once each) of the run started at `startedAt`; returns those newly ticked.
   * Nothing is ticked when the walkthrough has been started again since.
   */
  tick(id: string, startedAt: string, steps: readonly string[], now: number): string[] {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO walkthrough_steps (walkthrough_id, step_id, done) VALUES (?, ?, ?)',
    );
    return this.db.transaction(() => {
      const current = this.db
        .prepare(`SELECT 1 FROM walkthroughs WHERE id = ? AND started = ? AND state = 'running'`)
        .get(id, startedAt);
      if (current === undefined) return [];
      const ticked = steps.filter((step) => insert.run(id, step, iso(now)).changes === 1);
      if (ticked.length > 0) {
        this.db.prepare('UPDATE walkthroughs SET updated = ? WHERE id = ?').run(iso(now), id);
      }
      return ticked;
    })();
  }

  /** Marks a run finished, its ticks kept. */
  finish(id: string, now: number): void {
    this.db
      .prepare(`UPDATE walkthroughs SET state = 'finished', updated = ? WHERE id = ?`)
      .run(iso(now), id);
  }

  get(id: string): WalkthroughRun | undefined {
    const row = this.db.prepare('SELECT * FROM walkthroughs WHERE id = ?').get(id) as
      RunRow | undefined;
    if (row === undefined) return undefined;
    const steps = this.db
      .prepare('SELECT step_id, done FROM walkthrough_steps WHERE walkthrough_id = ?')
      .all(id) as { step_id: string; done: string }[];
    return {
      id: row.id,
      state: row.state,
      startedAt: row.started,
      updatedAt: row.updated,
      done: new Map(steps.map((s) => [s.step_id, s.done])),
    };
  }

  /** The runs still running (their clusters are gone after a restart: to start again). */
  running(): string[] {
    return (
      this.db.prepare(`SELECT id FROM walkthroughs WHERE state = 'running'`).all() as {
        id: string;
      }[]
    ).map((r) => r.id);
  }
}
