import 'server-only';

import { realClock } from '../k8s/clock';
import { processClusterRegistry } from '../k8s/summaries';
import { processLiveClusters } from '../live/process';
import { processEvictionStore } from '../store/process';
import type { TimelineRouteDeps } from './routes';

/** From created to Ready, in ms, for the Ready pods of a controller in the live model. */
async function ownerReadyMs(cluster: string, ownerUid: string): Promise<number[]> {
  const watch = await processLiveClusters()
    .get(cluster)
    .catch(() => undefined);
  if (watch === undefined || !watch.isWatching) return [];
  return [...watch.model.podViews()].flatMap((p) => {
    if (p.owner?.uid !== ownerUid || p.createdAt === null) return [];
    const ready = p.conditions.find((c) => c.type === 'Ready' && c.status === 'True');
    if (ready?.lastTransitionTime == null) return [];
    return [Date.parse(ready.lastTransitionTime) - Date.parse(p.createdAt)];
  });
}

/** What the timeline routes of this server process work with. */
export function processTimelineRouteDeps(): TimelineRouteDeps {
  return {
    registry: processClusterRegistry(),
    timelines: processEvictionStore().timelines,
    clock: realClock,
    ownerReadyMs,
  };
}
