import type { Snapshot } from '../changes';
import type { DrainView } from '../drains';
import type { AttemptView } from '../eviction-attempts';

/**
 * The model of a walkthrough (issue 9): plain TypeScript, no schemas, since walkthroughs are
 * code, never input. Every text is in English and Japanese.
 */

/**
 * A text in both languages; Kubernetes terms (Pod, PodDisruptionBudget, …) stay as they are.
 * A name of the interface is quoted exactly as it reads in that language, "…" in English and
 * 「…」 in Japanese (labels.test.ts checks it against the messages); what kubectl or the cluster
 * prints is quoted in `backticks`, in both.
 */
export interface Text {
  readonly en: string;
  readonly ja: string;
}

/** A link to the Kubernetes docs, with the docs' own wording it rests on. */
export interface DocLink {
  readonly url: string;
  readonly quote: Text;
}

/**
 * What the learner does: something in Drainboard (`where` says where and what), or a kubectl
 * command without `kubectl --kubeconfig FILE`, which the UI prefixes for the walkthrough's
 * own cluster.
 */
export type Action =
  | { readonly kind: 'ui'; readonly where: Text }
  | { readonly kind: 'kubectl'; readonly args: readonly string[] };

/** What the dashboard knows live about the walkthrough's cluster. */
export interface WalkthroughState {
  readonly snapshot: Snapshot;
  /** Drainboard's own attempts on the cluster, newest first (kubectl's are not among them). */
  readonly attempts: readonly AttemptView[];
  readonly drains: readonly DrainView[];
  /** RFC 3339: when the walkthrough's cluster was (re)started; anything older is ignored. */
  readonly startedAt: string;
}

/** Whether the learner has done a step, judged from the live model alone (pure). */
export type Check = (s: WalkthroughState) => boolean;

/** One step: what to do, what should happen and why, the docs behind it, and its check. */
export interface Step {
  /** Unique within its walkthrough; the key of the persisted progress. */
  readonly id: string;
  readonly title: Text;
  readonly action: Action;
  readonly expect: Text;
  readonly why: Text;
  readonly docs: readonly DocLink[];
  readonly check: Check;
}

/** A walkthrough, run on an embedded cluster of its own named after it. */
export interface Walkthrough {
  /** A DNS-1123 label, also the name of its cluster. */
  readonly id: string;
  readonly title: Text;
  readonly summary: Text;
  /**
   * The multi-document YAML its cluster is created with, on top of the sim's `empty` scenario
   * (nodes node-1..node-3), as `lib/sim/scenarios` builds a scenario: `now` is the cluster's
   * load time (epoch ms), for the annotations that take an instant.
   */
  readonly manifests: (now: number) => string;
  readonly steps: readonly Step[];
}
