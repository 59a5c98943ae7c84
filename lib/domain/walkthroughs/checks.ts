import type { DrainView } from '../drains';
import type { AttemptView } from '../eviction-attempts';
import type { RetryView } from '../retries';
import type { TimelineSummary } from '../timeline-summary';
import type { Attribution } from '../timelines';
import type { BudgetView, NodeView, PodView } from '../views';
import { NS } from './manifests';
import type { Check, WalkthroughState } from './types';

/**
 * The building blocks of the walkthroughs' checks: pure reads of the live model, limited to
 * the walkthrough's namespace and to what happened since its cluster started. A workload's
 * pods are named `<app>-…` (Deployment and StatefulSet alike) and labelled `app: <app>`.
 */

type State = WalkthroughState;

/**
 * The cluster writes its times in whole seconds (a DisruptionTarget's, a pod's creation): what
 * happened in the second the walkthrough started in is since its start.
 */
const isSince = (s: State, time: string | null): boolean =>
  time !== null && Date.parse(time) >= Math.floor(Date.parse(s.startedAt) / 1000) * 1000;

const isOf = (app: string, pod: string): boolean => pod.startsWith(`${app}-`);

/** Who may have evicted a pod through the Eviction API: Drainboard, or any other client. */
const BY_EVICTION: ReadonlySet<Attribution> = new Set(['drainboard', 'eviction-api']);

/** The live pods of the app (label `app`). */
export const podsOf = (s: State, app: string): PodView[] =>
  s.snapshot.pods.filter((p) => p.namespace === NS && p.labels['app'] === app);

const budgetOf = (s: State, name: string): BudgetView | undefined =>
  s.snapshot.budgets.find((b) => b.namespace === NS && b.name === name);

/** A node by name. */
export const nodeOf = (s: State, name: string): NodeView | undefined =>
  s.snapshot.nodes.find((n) => n.name === name);

/** Drainboard's attempts on the app's pods since the start. */
export const attemptsOn = (s: State, app: string): AttemptView[] =>
  s.attempts.filter((a) => a.namespace === NS && isOf(app, a.pod) && isSince(s, a.time));

/** The termination timelines of the app's pods begun since the start. */
export const timelinesOf = (s: State, app: string): TimelineSummary[] =>
  s.snapshot.timelines.filter(
    (t) => t.namespace === NS && isOf(app, t.pod) && isSince(s, t.startedAt),
  );

/** Drainboard's retry entries for the app's pods made since the start. */
export const retriesOf = (s: State, app: string): RetryView[] =>
  s.snapshot.retries.filter(
    (r) => r.namespace === NS && isOf(app, r.pod) && isSince(s, r.createdAt),
  );

/** Drainboard's drains of the node started since the start. */
export const drainsOf = (s: State, node: string): DrainView[] =>
  s.drains.filter((d) => d.nodes.some((n) => n.name === node) && isSince(s, d.createdAt));

/** A budget's 429 (outcome `blocked`, or `queued` when retrying), not API throttling. */
const is429 = (a: AttemptView): boolean =>
  a.action === 'evict' &&
  (a.outcome === 'blocked' || a.outcome === 'queued') &&
  a.clusterCode === 429;

/** A pod of the app was evicted: Drainboard's eviction was accepted, or its timeline says so. */
export const evicted =
  (app: string): Check =>
  (s) =>
    attemptsOn(s, app).some((a) => a.action === 'evict' && a.outcome === 'evicted') ||
    timelinesOf(s, app).some((t) => BY_EVICTION.has(t.attribution));

/** An eviction of a pod of the app got a budget's 429. */
export const blocked429 =
  (app: string): Check =>
  (s) =>
    attemptsOn(s, app).some(is429);

/** A pod of the app was evicted after a 429 on that same pod (by hand or by a retry entry). */
export const passedAfter429 =
  (app: string): Check =>
  (s) => {
    const tries = attemptsOn(s, app);
    const blocked = tries.filter(is429);
    return tries.some(
      (ok) =>
        ok.outcome === 'evicted' &&
        blocked.some((b) => b.uid === ok.uid && Date.parse(b.time) <= Date.parse(ok.time)),
    );
  };

/** An evicted pod of the app is gone and its replacement is Ready (or its timeline ended). */
export const goneAndReplaced =
  (app: string): Check =>
  (s) => {
    const live = new Set(s.snapshot.pods.map((p) => p.uid));
    return timelinesOf(s, app).some(
      (t) =>
        BY_EVICTION.has(t.attribution) &&
        !live.has(t.uid) &&
        (t.current === 'replacement-ready' || !t.inProgress),
    );
  };

/** The budget exists and satisfies `pred`. */
export const budgetIs =
  (name: string, pred: (b: BudgetView) => boolean): Check =>
  (s) => {
    const b = budgetOf(s, name);
    return b !== undefined && pred(b);
  };
