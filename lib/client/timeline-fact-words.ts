import type { TimelineFact } from '@/lib/domain/timelines';

import { timeOf } from './format-time';
import { ENGLISH, formatClock, type TimelineT } from './timeline-words';

/** What the operator's request came to. */
function requestWords(f: TimelineFact & { kind: 'requested' }, t: TimelineT): string {
  const values = {
    retry: f.retryId === null ? '' : t('fact.retry', { id: String(f.retryId) }),
    answer: f.outcome === null ? t('fact.noAnswer') : t(`outcome.${f.outcome}`),
    code: f.clusterCode === null ? '' : t('fact.httpCode', { code: String(f.clusterCode) }),
    message: f.message === null ? '' : t('fact.message', { message: f.message }),
  };
  return f.action === 'evict' ? t('fact.evictRequested', values) : t('fact.deleteSent', values);
}

type ReplacementFact = TimelineFact & {
  kind:
    'replacement-created' | 'replacement-scheduled' | 'replacement-running' | 'replacement-ready';
};

const REPLACEMENT_KEY = {
  'replacement-created': 'fact.replacementCreated',
  'replacement-scheduled': 'fact.replacementScheduled',
  'replacement-running': 'fact.replacementRunning',
  'replacement-ready': 'fact.replacementReady',
} as const;

function replacementWords(f: ReplacementFact, t: TimelineT): string {
  const node = f.node === null ? '' : t('fact.onNode', { node: f.node });
  return t(REPLACEMENT_KEY[f.kind], { pod: f.pod, node });
}

function deadlineWords(deadline: string, locale: string): string {
  const ms = timeOf(deadline);
  return ms === null ? deadline : formatClock(ms, locale);
}

/** The slice, and its service if known. */
function sliceValues(f: { slice: string; service: string | null }, t: TimelineT) {
  return {
    slice: f.slice,
    service: f.service === null ? '' : t('fact.service', { service: f.service }),
  };
}

function disruptionWords(f: TimelineFact & { kind: 'disruption-target' }, t: TimelineT) {
  return t('fact.disruptionTarget', {
    reason: f.reason === null ? '' : t('fact.reason', { reason: f.reason }),
    message: f.message === null ? '' : t('fact.dashMessage', { message: f.message }),
  });
}

function containerWords(f: TimelineFact & { kind: 'container-terminated' }, t: TimelineT) {
  return t('fact.containerTerminated', {
    container: f.container,
    exit: f.exitCode === null ? '' : t('fact.exit', { code: String(f.exitCode) }),
    reason: f.reason === null ? '' : t('fact.exitReason', { reason: f.reason }),
  });
}

/**
 * One fact in plain words, with what is particular to it (exit code, reason, slice…), in `t`'s
 * language (times of day in `locale`).
 */
export function factWords(f: TimelineFact, t: TimelineT = ENGLISH, locale: string = 'en'): string {
  switch (f.kind) {
    case 'requested':
      return requestWords(f, t);
    case 'disruption-target':
      return disruptionWords(f, t);
    case 'deletion-started':
      return t('fact.deletionStarted', {
        grace: String(f.gracePeriodSeconds),
        deadline: deadlineWords(f.deadline, locale),
      });
    case 'not-ready':
      return t('fact.notReady');
    case 'endpoint-terminating':
      return t('fact.endpointTerminating', {
        ...sliceValues(f, t),
        serving: f.isServing ? t('fact.stillServing') : t('fact.notServing'),
      });
    case 'endpoint-removed':
      return t('fact.endpointRemoved', sliceValues(f, t));
    case 'container-terminated':
      return containerWords(f, t);
    case 'terminal-phase':
      return t('fact.terminalPhase', { phase: f.phase });
    case 'finalizers':
      return f.finalizers.length === 0
        ? t('fact.noFinalizers')
        : t('fact.heldBy', { finalizers: f.finalizers.join(', ') });
    case 'deleted':
      return t('fact.deleted');
    case 'replacement-created':
    case 'replacement-scheduled':
    case 'replacement-running':
    case 'replacement-ready':
      return replacementWords(f, t);
    default: {
      const unknown: never = f;
      throw new Error(`unknown fact ${JSON.stringify(unknown)}`);
    }
  }
}

/** A short label for a point of the chart. */
export function factShortWords(f: TimelineFact, t: TimelineT = ENGLISH): string {
  switch (f.kind) {
    case 'container-terminated':
      return t('short.container', {
        container: f.container,
        code: f.exitCode === null ? t('short.unknownCode') : String(f.exitCode),
      });
    case 'requested':
      return t('short.requested', {
        action: t(`action.${f.action}`),
        outcome: f.outcome === null ? t('fact.noAnswer') : t(`outcome.${f.outcome}`),
      });
    default:
      return t(`short.${f.kind}`);
  }
}
