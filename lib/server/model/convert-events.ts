import 'server-only';

import type { CoreV1Event } from '@kubernetes/client-node';

import type { EventView } from '@/lib/domain/views';

import { toTime } from './convert';

/**
 * A core/v1 Event. Older reporters fill `source`, `count` and `lastTimestamp`; newer ones
 * (events.k8s.io through the core API) fill `reportingComponent`, `series` and `eventTime`,
 * so each field falls back to the other form.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/
 */
export function toEventView(ev: CoreV1Event): EventView {
  const involved = ev.involvedObject;
  return {
    uid: ev.metadata.uid ?? '',
    namespace: ev.metadata.namespace ?? '',
    type: ev.type === 'Warning' ? 'Warning' : 'Normal',
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    involved: {
      kind: involved.kind ?? '',
      namespace: involved.namespace ?? null,
      name: involved.name ?? '',
      uid: involved.uid ?? null,
    },
    source: ev.source?.component || ev.reportingComponent || null,
    count: ev.count ?? ev.series?.count ?? 1,
    lastSeen:
      toTime(ev.lastTimestamp) ??
      toTime(ev.series?.lastObservedTime) ??
      toTime(ev.eventTime) ??
      toTime(ev.metadata.creationTimestamp),
  };
}
