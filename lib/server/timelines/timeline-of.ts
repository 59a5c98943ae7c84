import 'server-only';

import { orderFacts } from '@/lib/domain/timeline-phases';
import { attributionOf } from '@/lib/domain/timeline-summary';
import type { Timeline } from '@/lib/domain/timelines';

import type { StoredTimeline } from '../store/timeline-store';

/** A stored timeline as the API and the stream show it: facts in order of time, who started it. */
export function timelineOf(stored: StoredTimeline): Timeline {
  const { cluster, uid, namespace, pod, node, owner, facts } = stored;
  return {
    ...{ cluster, uid, namespace, pod, node, owner },
    terminationGracePeriodSeconds: stored.terminationGracePeriodSeconds,
    startedAt: stored.startedAt,
    updatedAt: stored.updatedAt,
    attribution: attributionOf(facts),
    facts: orderFacts(facts),
  };
}
