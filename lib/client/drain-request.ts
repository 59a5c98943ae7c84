import { DrainRequestSchema, type DrainRequestInput } from '@/lib/domain/drains';

import { readGracePeriod } from './evictions-request';
import type { ParamReader } from './pod-query';

/**
 * The drain form as the URL holds it, so that a plan shared in chat opens the same plan:
 * `?plan=node-1,node-3&ignoreDaemonSets=1&deleteEmptyDirData=1&force=1&gracePeriodSeconds=30&timeoutSeconds=600&podSelector=app%3Dweb`.
 */
export interface DrainForm {
  /** The selected nodes, distinct, in the order selected. */
  readonly nodes: readonly string[];
  readonly ignoreDaemonSets: boolean;
  readonly deleteEmptyDirData: boolean;
  readonly force: boolean;
  /** The fields' text as typed; empty means kubectl's default. */
  readonly gracePeriod: string;
  readonly timeout: string;
  readonly podSelector: string;
}

/** The URL parameter of each field. */
export const DRAIN_PARAMS = {
  nodes: 'plan',
  ignoreDaemonSets: 'ignoreDaemonSets',
  deleteEmptyDirData: 'deleteEmptyDirData',
  force: 'force',
  gracePeriod: 'gracePeriodSeconds',
  timeout: 'timeoutSeconds',
  podSelector: 'podSelector',
} as const satisfies Record<keyof DrainForm, string>;

/** `a,b,,a` → `[a, b]`: distinct, trimmed, non-empty, in order. */
export function readNodeList(value: string | null): string[] {
  const names = (value ?? '').split(',').map((n) => n.trim());
  return [...new Set(names.filter((n) => n !== ''))];
}

const isOn = (value: string | null) => value === '1' || value === 'true';

/** Reads the drain form from the URL's search params. */
export function readDrainForm(params: ParamReader): DrainForm {
  return {
    nodes: readNodeList(params.get(DRAIN_PARAMS.nodes)),
    ignoreDaemonSets: isOn(params.get(DRAIN_PARAMS.ignoreDaemonSets)),
    deleteEmptyDirData: isOn(params.get(DRAIN_PARAMS.deleteEmptyDirData)),
    force: isOn(params.get(DRAIN_PARAMS.force)),
    gracePeriod: params.get(DRAIN_PARAMS.gracePeriod) ?? '',
    timeout: params.get(DRAIN_PARAMS.timeout) ?? '',
    podSelector: params.get(DRAIN_PARAMS.podSelector) ?? '',
  };
}

/** The URL patch that writes `change` (null or '' removes a parameter; false is removed too). */
export function drainFormPatch(change: Partial<DrainForm>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(change) as [keyof DrainForm, unknown][]) {
    const param = DRAIN_PARAMS[field];
    if (Array.isArray(value)) patch[param] = value.length === 0 ? null : value.join(',');
    else if (typeof value === 'boolean') patch[param] = value ? '1' : null;
    else patch[param] = typeof value === 'string' && value.trim() !== '' ? value : null;
  }
  return patch;
}

/** The selection with `node` added or removed. */
export function toggleNode(nodes: readonly string[], node: string): string[] {
  return nodes.includes(node) ? nodes.filter((n) => n !== node) : [...nodes, node];
}

/** A drain form read: the request to send, or the problems to fix first (in plain words). */
export type DrainFormRead =
  | { readonly ok: true; readonly request: DrainRequestInput }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The timeout field: empty is kubectl's 0 (no timeout); otherwise whole seconds ≥ 0. */
function readTimeout(text: string): { seconds: number } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { seconds: 0 };
  if (!/^\d+$/.test(trimmed)) return { problem: 'The timeout is a whole number of seconds.' };
  return { seconds: Number(trimmed) };
}

const FIELD_NAMES: Record<string, string> = {
  nodes: 'Nodes',
  podSelector: 'Pod selector',
  gracePeriodSeconds: 'Grace period',
  timeoutSeconds: 'Timeout',
};

/**
 * The body of `POST …/drains/plan` and `POST …/drains` for the form, checked with the same
 * schema the server uses, so that a bad field is named before anything is sent.
 */
export function drainRequest(form: DrainForm): DrainFormRead {
  const grace = readGracePeriod(form.gracePeriod);
  const timeout = readTimeout(form.timeout);
  const problems: string[] = [];
  if (!grace.ok) problems.push(grace.problem);
  if ('problem' in timeout) problems.push(timeout.problem);
  if (problems.length > 0) return { ok: false, problems };
  const request: DrainRequestInput = {
    nodes: [...form.nodes],
    force: form.force,
    ignoreDaemonSets: form.ignoreDaemonSets,
    deleteEmptyDirData: form.deleteEmptyDirData,
    podSelector: form.podSelector.trim(),
    gracePeriodSeconds: grace.ok ? grace.seconds : null,
    timeoutSeconds: 'seconds' in timeout ? timeout.seconds : 0,
  };
  const checked = DrainRequestSchema.safeParse(request);
  if (checked.success) return { ok: true, request };
  return {
    ok: false,
    problems: checked.error.issues.map((issue) => {
      const field = FIELD_NAMES[String(issue.path[0])];
      return field === undefined ? issue.message : `${field}: ${issue.message}`;
    }),
  };
}
