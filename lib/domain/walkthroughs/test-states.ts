import { describe, expect, it } from 'vitest';

import { ResourceSchema, type Snapshot } from '../changes';
import type { DrainView } from '../drains';
import type { AttemptView } from '../eviction-attempts';
import type { RetryView } from '../retries';
import { budgetView, podView, retryView } from '../test-views';
import type { TimelineSummary } from '../timeline-summary';
import type { BudgetView, PodView } from '../views';
import type { Step, Text, Walkthrough, WalkthroughState } from './types';

/** Live-model fixtures for the walkthroughs' checks, on top of ../test-views.ts. */

/** When the walkthrough's cluster started; fixtures happen after it. */
export const STARTED = '2026-11-29T10:00:00Z';
/** The RFC 3339 time `s` seconds after STARTED (negative: before it). */
export const at = (s: number): string => new Date(Date.parse(STARTED) + s * 1000).toISOString();

const emptySnapshot = (): Snapshot => ({
  seq: 1,
  pods: [],
  budgets: [],
  nodes: [],
  owners: [],
  endpoints: [],
  events: [],
  watchStatus: Object.fromEntries(
    ResourceSchema.options.map((r) => [r, { state: 'synced', message: null }]),
  ) as Snapshot['watchStatus'],
  retries: [],
  stuck: [],
  timelines: [],
});

/** A state: the snapshot's parts given, Drainboard's attempts and drains. */
export function stateOf(
  snapshot: Partial<Snapshot> = {},
  rest: Partial<Omit<WalkthroughState, 'snapshot' | 'startedAt'>> = {},
): WalkthroughState {
  return {
    snapshot: { ...emptySnapshot(), ...snapshot },
    attempts: rest.attempts ?? [],
    drains: rest.drains ?? [],
    startedAt: STARTED,
  };
}

/** A Running, Ready pod `name` of workload `app` in `learn`. */
export const pod = (name: string, app: string, o: Partial<PodView> = {}): PodView =>
  podView(name, { namespace: 'learn', labels: { app }, ...o });

/** A budget in `learn` selecting `app: <app>`, one disruption allowed. */
export const budget = (name: string, app: string, o: Partial<BudgetView> = {}): BudgetView =>
  budgetView(name, {
    namespace: 'learn',
    selector: { matchLabels: { app }, matchExpressions: [] },
    ...o,
  });

/** Drainboard's eviction of `learn/<pod>` a minute after the start, accepted. */
export const attempt = (pod: string, o: Partial<AttemptView> = {}): AttemptView => ({
  id: 1,
  action: 'evict',
  time: at(60),
  who: 'learner',
  cluster: 'walkthrough',
  namespace: 'learn',
  pod,
  uid: `uid-${pod}`,
  options: { dryRun: false, gracePeriodSeconds: null, retry: false },
  outcome: 'evicted',
  message: null,
  clusterCode: 201,
  reason: null,
  cause: null,
  budget: null,
  latencyMs: 5,
  retryId: null,
  ...o,
});

/** A budget's 429 on `learn/<pod>`. */
export const blocked = (pod: string, o: Partial<AttemptView> = {}): AttemptView =>
  attempt(pod, { outcome: 'blocked', clusterCode: 429, reason: 'TooManyRequests', ...o });

/** The timeline of `learn/<pod>`, evicted through the Eviction API, still terminating. */
export const timeline = (pod: string, o: Partial<TimelineSummary> = {}): TimelineSummary => ({
  uid: `uid-${pod}`,
  cluster: 'walkthrough',
  namespace: 'learn',
  pod,
  node: 'node-1',
  owner: null,
  attribution: 'eviction-api',
  startedAt: at(60),
  updatedAt: at(61),
  current: 'terminating',
  totalMs: 1000,
  findings: [],
  inProgress: true,
  ...o,
});

/** A pending retry entry of `learn/<pod>`, made a minute after the start. */
export const retry = (pod: string, o: Partial<RetryView> = {}): RetryView =>
  retryView(1, pod, { namespace: 'learn', createdAt: at(60), ...o });

/** A running drain of `node` started a minute after the start. */
export const drain = (node: string, o: Partial<DrainView> = {}): DrainView => ({
  id: 1,
  cluster: 'walkthrough',
  state: 'running',
  request: {
    force: false,
    ignoreDaemonSets: false,
    deleteEmptyDirData: false,
    podSelector: '',
    gracePeriodSeconds: null,
    timeoutSeconds: 0,
  },
  who: 'learner',
  createdAt: at(60),
  updatedAt: at(61),
  deadline: null,
  endedAt: null,
  reason: null,
  nodes: [{ name: node, isCordoned: true, left: 1, safeToPowerOff: false }],
  pods: [],
  counts: { total: 1, accepted: 0, gone: 0, replacements: 1, ready: 0, failed: 0, cancelled: 0 },
  left: [],
  ...o,
});

/** A step by id; throws for an unknown one, so a renamed step fails its test. */
export function stepOf(w: Walkthrough, id: string): Step {
  const step = w.steps.find((s) => s.id === id);
  if (!step) throw new Error(`${w.id} has no step ${id}`);
  return step;
}

/** One check's pair of states: one that must not tick it, one that must. */
export interface CheckCase {
  readonly id: string;
  readonly no: WalkthroughState;
  readonly yes: WalkthroughState;
}

/** The checks' table test: every step has its pair, and each check tells the two apart. */
export function describeChecks(w: Walkthrough, cases: readonly CheckCase[]): void {
  describe(`walkthrough ${w.id}: checks`, () => {
    it('has a pair of states for every step, in order', () => {
      expect(cases.map((c) => c.id)).toEqual(w.steps.map((s) => s.id));
    });
    it.each(cases)('$id ticks on what the learner did, not before', ({ id, no, yes }) => {
      const { check } = stepOf(w, id);
      expect(check(no)).toBe(false);
      expect(check(yes)).toBe(true);
    });
  });
}

/** Every text of a walkthrough but the docs' quotes, with where it is. */
export function textsOf(w: Walkthrough): [string, Text][] {
  return [
    ['title', w.title],
    ['summary', w.summary],
    ...w.steps.flatMap((s): [string, Text][] => [
      [`${s.id}.title`, s.title],
      ...(s.action.kind === 'ui' ? [[`${s.id}.where`, s.action.where] as [string, Text]] : []),
      [`${s.id}.expect`, s.expect],
      [`${s.id}.why`, s.why],
    ]),
  ];
}
