import type { DrainObserver } from './drain-watch';
import type { Cleanups } from './retries-run';

/** What the drain benchmark's runs share, besides retries-run.ts's helpers. */

/** Each tool must have emptied the node within this; kubectl should take about a minute. */
export const DRAIN_TIMEOUT_MS = 180_000;
/** After the node is empty, the replacements must all be Ready within this. */
export const SETTLE_TIMEOUT_MS = 30_000;

/** What a tool's run is given: the cluster behind the proxy and our watches of it. */
export interface DrainContext {
  /** A kubeconfig whose context `drainboard-sim` points at the proxy. */
  kubeconfig: string;
  observer: DrainObserver;
  /** An empty directory of this run's own. */
  dir: string;
  cleanups: Cleanups;
  /** Called just before the tool is started: the run's time zero. */
  start: () => void;
}

/** A time a tool itself reported, printed under the cluster's figures. */
export interface ToolMark {
  label: string;
  /** From the run's start; NaN when it never came. */
  ms: number;
}

/** `p`, or a rejection after `ms` saying `what` did not happen. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
