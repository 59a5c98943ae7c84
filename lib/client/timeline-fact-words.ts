import type { TimelineFact } from '@/lib/domain/timelines';

import { timeOf } from './format-time';
import { formatClock } from './timeline-words';

/** What the operator's request came to. */
function requestWords(f: TimelineFact & { kind: 'requested' }): string {
  const what =
    f.action === 'evict' ? 'Eviction requested by Drainboard' : 'Delete sent by Drainboard';
  const answer = f.outcome === null ? 'no answer yet' : f.outcome;
  const code = f.clusterCode === null ? '' : `, HTTP ${f.clusterCode}`;
  const message = f.message === null ? '' : `: ${f.message}`;
  const retry = f.retryId === null ? '' : ` (retry ${f.retryId})`;
  return `${what}${retry} — ${answer}${code}${message}`;
}

function replacementWords(verb: string, f: { pod: string; node: string | null }): string {
  return `Replacement ${f.pod} ${verb}${f.node === null ? '' : ` on ${f.node}`}`;
}

function deadlineWords(deadline: string): string {
  const ms = timeOf(deadline);
  return ms === null ? deadline : formatClock(ms);
}

/** One fact in plain words, with what is particular to it (exit code, reason, slice…). */
export function factWords(f: TimelineFact): string {
  switch (f.kind) {
    case 'requested':
      return requestWords(f);
    case 'disruption-target':
      return `DisruptionTarget condition set${f.reason === null ? '' : `: ${f.reason}`}${f.message === null ? '' : ` — ${f.message}`}`;
    case 'deletion-started':
      return `Deletion started: grace period ${f.gracePeriodSeconds} s, deadline ${deadlineWords(f.deadline)}`;
    case 'not-ready':
      return 'Pod no longer Ready';
    case 'endpoint-terminating':
      return `Endpoint terminating in slice ${f.slice}${f.service === null ? '' : ` (service ${f.service})`}${f.isServing ? ', still serving' : ', not serving'}`;
    case 'endpoint-removed':
      return `Endpoint removed from slice ${f.slice}${f.service === null ? '' : ` (service ${f.service})`}`;
    case 'container-terminated':
      return `Container ${f.container} terminated${f.exitCode === null ? '' : `, exit ${f.exitCode}`}${f.reason === null ? '' : ` (${f.reason})`}`;
    case 'terminal-phase':
      return `Phase ${f.phase}`;
    case 'finalizers':
      return f.finalizers.length === 0
        ? 'No finalizers left'
        : `Held by finalizers: ${f.finalizers.join(', ')}`;
    case 'deleted':
      return 'Pod deleted from the API server';
    case 'replacement-created':
      return replacementWords('created', f);
    case 'replacement-scheduled':
      return replacementWords('scheduled', f);
    case 'replacement-running':
      return replacementWords('running', f);
    case 'replacement-ready':
      return replacementWords('Ready', f);
    default: {
      const unknown: never = f;
      throw new Error(`unknown fact ${JSON.stringify(unknown)}`);
    }
  }
}

/** A short label for a point of the chart. */
export function factShortWords(f: TimelineFact): string {
  switch (f.kind) {
    case 'container-terminated':
      return `${f.container} exit ${f.exitCode ?? '?'}`;
    case 'requested':
      return `${f.action} → ${f.outcome ?? 'no answer yet'}`;
    case 'replacement-created':
    case 'replacement-scheduled':
    case 'replacement-running':
    case 'replacement-ready':
      return f.kind.slice('replacement-'.length);
    default:
      return f.kind.replace(/-/g, ' ');
  }
}
