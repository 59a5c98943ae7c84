/**
 * The drain benchmark's arithmetic (pure): how fast any tool could drain the scenario's node
 * (the physical limit), and what `kubectl drain`'s fixed 5 s retry loop should take on it.
 *
 * Every budget allows one disruption at a time (maxUnavailable 1) and all its pods start Ready,
 * so its pods leave one after another, each eviction waiting for the budget to reopen. The step
 * of a pod is the time from its eviction to that reopen:
 *
 * - Deployment: an eviction makes the pod terminating, which the ReplicaSet replaces at once;
 *   the budget reopens when the replacement is Ready, `start + ready` after the eviction
 *   (scheduling takes a few ms). The old pod's shutdown runs alongside and is not waited for.
 * - StatefulSet: the replacement has the old pod's name, so it is created only once the old
 *   pod is gone: the budget reopens `shutdown + start + ready` after the eviction.
 *
 * A budget's last pod is evicted once every other one has had its step, and is gone one
 * shutdown later: Σ steps − (step − shutdown) of the last, least with the last pod the one
 * whose step exceeds its shutdown most. Its last replacement is Ready at Σ steps, in any order.
 * Budgets are independent, so the node is empty at the maximum over budgets. No tool can beat
 * it: an eviction before the budget reopens is refused, and each reopen needs a replacement
 * that became Ready.
 *
 * kubectl drain sends every pod's eviction at once and retries each refused one 5 s after its
 * 429. While all pods of a budget keep one 5 s beat, one of them passes per beat once the
 * budget has reopened: with steps ≤ 5 s it evicts at 0, 5, 10 s, …, and a pod evicted on beat
 * t sent t + 1 requests: k(k+1)/2 per budget, against an ideal tool's k. (Its client also paces
 * its requests at 5 per second, burst 10; see drain-scenario.ts for what that means here.)
 */

export interface PodTiming {
  /** Binding → Running (`sim.drainboard.dev/start-after`). */
  startMs: number;
  /** Running → Ready (`sim.drainboard.dev/ready-after`). */
  readyMs: number;
  /** SIGTERM → exit (`sim.drainboard.dev/shutdown-after`), within the grace period. */
  shutdownMs: number;
}

export interface Workload {
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  /** All on the drained node at the start. */
  replicas: number;
  /** Its pods' times, the replacements' too. */
  timing: PodTiming;
  /** The budget (maxUnavailable 1) that selects its pods; several workloads may share one. */
  budget: string;
}

/** kubectl drain's wait after a 429 (kubectl/pkg/drain: `time.Sleep(5 * time.Second)`). */
export const KUBECTL_RETRY_MS = 5_000;

/** A pod's eviction → its budget reopens (its replacement is Ready). */
export function stepMs(w: Workload): number {
  const t = w.timing;
  return (w.kind === 'StatefulSet' ? t.shutdownMs : 0) + t.startMs + t.readyMs;
}

export interface BudgetLimit {
  name: string;
  /** `Deployment api × 4` for each workload it selects. */
  workloads: string[];
  pods: number;
  /** Σ of its pods' steps. */
  stepsMs: number;
  /** Its last pod gone, in the best order. */
  goneMs: number;
  /** Its last replacement Ready: Σ steps. */
  readyMs: number;
}

export interface Limit {
  budgets: BudgetLimit[];
  /** Every pod of the node gone: what a drain waits for. */
  goneMs: number;
  /** Every replacement Ready too. */
  completeMs: number;
  /** One eviction per pod. */
  requests: number;
}

const budgetsOf = (workloads: readonly Workload[]): Map<string, Workload[]> => {
  const byBudget = new Map<string, Workload[]>();
  for (const w of workloads) byBudget.set(w.budget, [...(byBudget.get(w.budget) ?? []), w]);
  return byBudget;
};

/** The critical path of each budget, and of the node: what no tool can beat. */
export function physicalLimit(workloads: readonly Workload[]): Limit {
  const budgets = [...budgetsOf(workloads)].map(([name, ws]): BudgetLimit => {
    const stepsMs = ws.reduce((n, w) => n + w.replicas * stepMs(w), 0);
    const saved = Math.max(...ws.map((w) => stepMs(w) - w.timing.shutdownMs));
    return {
      name,
      workloads: ws.map((w) => `${w.kind} ${w.name} × ${w.replicas}`),
      pods: ws.reduce((n, w) => n + w.replicas, 0),
      stepsMs,
      goneMs: stepsMs - saved,
      readyMs: stepsMs,
    };
  });
  return {
    budgets,
    goneMs: Math.max(...budgets.map((b) => b.goneMs)),
    completeMs: Math.max(...budgets.map((b) => b.readyMs)),
    requests: workloads.reduce((n, w) => n + w.replicas, 0),
  };
}

export interface KubectlModel {
  /** Every pod gone. */
  goneMs: number;
  /** Eviction requests, all codes. */
  requests: number;
}

/**
 * What kubectl drain's lockstep 5 s retries should take (times from its first evictions), its
 * pods passing in the order of `workloads`: the next eviction of a budget passes on the first
 * beat at least one step after the previous one.
 */
export function kubectlModel(
  workloads: readonly Workload[],
  retryMs = KUBECTL_RETRY_MS,
): KubectlModel {
  let goneMs = 0;
  let requests = 0;
  for (const ws of budgetsOf(workloads).values()) {
    let beat = -1;
    let reopensAt = 0;
    for (const w of ws) {
      for (let i = 0; i < w.replicas; i++) {
        beat = Math.max(beat + 1, Math.ceil(reopensAt / retryMs));
        requests += beat + 1;
        reopensAt = beat * retryMs + stepMs(w);
        goneMs = Math.max(goneMs, beat * retryMs + w.timing.shutdownMs);
      }
    }
  }
  return { goneMs, requests };
}
