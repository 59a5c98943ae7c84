/**
 * kubectl drain's pod filters (issue 8, first step): for each pod on a node being drained,
 * whether to evict it, skip it, or refuse the drain because of it — in kubectl's order and with
 * its messages, so that a plan made by Drainboard says what `kubectl drain` would say.
 * @see ../shared/docs/eviction-semantics.md §6.2 step 4
 * @see https://github.com/kubernetes/kubectl/blob/master/pkg/drain/filters.go
 * @see https://github.com/kubernetes/kubectl/blob/master/pkg/drain/drain.go (filterPods: the
 *   last filter run gives the pod's status)
 */

/** kubectl drain's options that the filters read (its defaults: all false, skip-wait 0). */
export interface DrainFilterOptions {
  readonly force: boolean;
  readonly ignoreDaemonSets: boolean;
  readonly deleteEmptyDirData: boolean;
  /** `--skip-wait-for-delete-timeout` in seconds; 0 is off. */
  readonly skipWaitForDeleteTimeoutSeconds: number;
}

/** kubectl drain's defaults. */
export const DRAIN_DEFAULTS: DrainFilterOptions = {
  force: false,
  ignoreDaemonSets: false,
  deleteEmptyDirData: false,
  skipWaitForDeleteTimeoutSeconds: 0,
};

/** What the filters need to know of one pod. */
export interface DrainPod {
  readonly namespace: string;
  readonly name: string;
  readonly phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** RFC 3339, or null while not terminating. */
  readonly deletionTimestamp: string | null;
  /** The controller owner reference's kind and name, or null. */
  readonly controller: { readonly kind: string; readonly name: string } | null;
  /** For a DaemonSet's pod: whether that DaemonSet still exists. */
  readonly daemonSetExists: boolean;
  /** The `kubernetes.io/config.mirror` annotation is set: a static pod's mirror. */
  readonly isMirror: boolean;
  /** Some volume is an `emptyDir`. */
  readonly hasEmptyDir: boolean;
}

/** kubectl's words, exactly (filters.go). */
export const DRAIN_MESSAGES = {
  daemonSet: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
  ignoringDaemonSet: 'ignoring DaemonSet-managed Pods',
  localStorage: 'Pods with local storage (use --delete-emptydir-data to override)',
  deletingLocalStorage: 'deleting Pods with local storage',
  unreplicated: 'cannot delete Pods that declare no controller (use --force to override)',
  deletingUnreplicated: 'deleting Pods that declare no controller',
} as const;

/**
 * A pod's fate in a drain: `evict` (with a warning kubectl would print, if any), `skip`
 * (silently, or with a warning: an ignored DaemonSet pod), or `refuse` (the drain fails with
 * this error unless the option it names is given).
 */
export type DrainVerdict =
  | { readonly action: 'evict'; readonly warning: string | null }
  | { readonly action: 'skip'; readonly why: SkipWhy; readonly warning: string | null }
  | { readonly action: 'refuse'; readonly error: string };

/** Why a pod is left alone. */
export type SkipWhy = 'deleted-long-ago' | 'daemonset' | 'mirror';

const isTerminal = (pod: DrainPod) => pod.phase === 'Succeeded' || pod.phase === 'Failed';

/** One filter's status, as kubectl's `PodDeleteStatus`: delete or not, and why. */
type Status =
  | { readonly delete: true; readonly warning: string | null }
  | { readonly delete: false; readonly skip: SkipWhy; readonly warning: string | null }
  | { readonly delete: false; readonly error: string };

const OKAY: Status = { delete: true, warning: null };

function skipDeleted(pod: DrainPod, o: DrainFilterOptions, now: number): Status {
  if (o.skipWaitForDeleteTimeoutSeconds <= 0 || pod.deletionTimestamp === null) return OKAY;
  const since = now - Date.parse(pod.deletionTimestamp);
  return since > o.skipWaitForDeleteTimeoutSeconds * 1000
    ? { delete: false, skip: 'deleted-long-ago', warning: null }
    : OKAY;
}

function daemonSet(pod: DrainPod, o: DrainFilterOptions): Status {
  if (pod.controller?.kind !== 'DaemonSet' || isTerminal(pod)) return OKAY;
  if (!pod.daemonSetExists) {
    // The GET's 404: removed with a warning under --force (an orphan), an error otherwise.
    const missing = `daemonsets.apps "${pod.controller.name}" not found`;
    return o.force ? { delete: true, warning: missing } : { delete: false, error: missing };
  }
  if (!o.ignoreDaemonSets) return { delete: false, error: DRAIN_MESSAGES.daemonSet };
  return { delete: false, skip: 'daemonset', warning: DRAIN_MESSAGES.ignoringDaemonSet };
}

function mirror(pod: DrainPod): Status {
  return pod.isMirror ? { delete: false, skip: 'mirror', warning: null } : OKAY;
}

function localStorage(pod: DrainPod, o: DrainFilterOptions): Status {
  if (!pod.hasEmptyDir || isTerminal(pod)) return OKAY;
  return o.deleteEmptyDirData
    ? { delete: true, warning: DRAIN_MESSAGES.deletingLocalStorage }
    : { delete: false, error: DRAIN_MESSAGES.localStorage };
}

function unreplicated(pod: DrainPod, o: DrainFilterOptions): Status {
  if (isTerminal(pod) || pod.controller !== null) return OKAY;
  return o.force
    ? { delete: true, warning: DRAIN_MESSAGES.deletingUnreplicated }
    : { delete: false, error: DRAIN_MESSAGES.unreplicated };
}

/**
 * What `kubectl drain` does with one pod: its filters in its order (deleted longer ago than the
 * skip-wait timeout, DaemonSet pods, mirror pods, local storage, pods without a controller),
 * stopping at the first that keeps the pod. As in kubectl, the pod's status is the last filter
 * run: a warning of an earlier filter is lost when a later one finds nothing to say (a pod with
 * local storage and a controller is evicted without the local-storage warning).
 */
export function drainVerdict(pod: DrainPod, o: DrainFilterOptions, now: number): DrainVerdict {
  const filters = [
    () => skipDeleted(pod, o, now),
    () => daemonSet(pod, o),
    () => mirror(pod),
    () => localStorage(pod, o),
    () => unreplicated(pod, o),
  ];
  let status: Status = OKAY;
  for (const filter of filters) {
    status = filter();
    if (!status.delete) break;
  }
  if (status.delete) return { action: 'evict', warning: status.warning };
  if ('error' in status) return { action: 'refuse', error: status.error };
  return { action: 'skip', why: status.skip, warning: status.warning };
}

/** Messages grouped as kubectl prints them: `message: ns/pod, ns/pod`, in first-seen order. */
function grouped(items: readonly { message: string; pod: DrainPod }[]): string[] {
  const groups = new Map<string, string[]>();
  for (const { message, pod } of items) {
    const pods = groups.get(message) ?? [];
    pods.push(`${pod.namespace}/${pod.name}`);
    groups.set(message, pods);
  }
  return [...groups].map(([message, pods]) => `${message}: ${pods.join(', ')}`);
}

/**
 * kubectl's summary of a node's verdicts: its errors, one line each as `cannot delete <msg>:
 * ns/pod, …` — for the unreplicated error, whose message starts with "cannot delete" itself,
 * that doubles the words, as kubectl v1.32 prints them (`errors()` in pkg/drain/filters.go
 * always prefixes; the semantics doc §6.2 step 5 says otherwise and is wrong) — and its
 * warnings joined as it prints them (`Warning: a: …; b: …`).
 */
export function drainMessages(verdicts: readonly { pod: DrainPod; verdict: DrainVerdict }[]): {
  errors: string[];
  warning: string | null;
} {
  const errors = grouped(
    verdicts.flatMap(({ pod, verdict }) =>
      verdict.action === 'refuse' ? [{ message: verdict.error, pod }] : [],
    ),
  ).map((line) => `cannot delete ${line}`);
  const warnings = grouped(
    verdicts.flatMap(({ pod, verdict }) =>
      verdict.action !== 'refuse' && verdict.warning !== null
        ? [{ message: verdict.warning, pod }]
        : [],
    ),
  );
  return { errors, warning: warnings.length === 0 ? null : `Warning: ${warnings.join('; ')}` };
}
