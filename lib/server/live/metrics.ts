import 'server-only';

import { ResourceSchema } from '@/lib/domain/changes';
import { RetryStateSchema } from '@/lib/domain/retries';
import { stuckKindCounts } from '@/lib/domain/stuck';

import type { LiveClusters } from './live-clusters';

/** A Prometheus label value: backslash, double quote and line feed escaped. */
const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

interface Family {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  samples: { labels: Record<string, string>; value: number }[];
}

function render(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${esc(v)}"`)
        .join(',');
      lines.push(`${f.name}{${labels}} ${s.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The dashboard's metrics in the Prometheus text format 0.0.4: per cluster and resource the
 * watches, relists, restarts, events and last event age; per cluster the stream clients,
 * drops and events delivered; stuck items by kind and retry entries by state.
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
export async function renderMetrics(live: LiveClusters): Promise<string> {
  const now = live.clock.now();
  const fam = (name: string, type: Family['type'], help: string): Family => ({
    name,
    type,
    help,
    samples: [],
  });
  const watches = fam('drainboard_watches', 'gauge', 'Watches running, per cluster and resource.');
  const state = fam(
    'drainboard_watch_state',
    'gauge',
    'The state of each watch (1 for the current state).',
  );
  const relists = fam('drainboard_relists_total', 'counter', 'LISTs completed.');
  const restarts = fam(
    'drainboard_watch_restarts_total',
    'counter',
    'Watches restarted after an error or a silence.',
  );
  const events = fam('drainboard_watch_events_total', 'counter', 'Watch events received.');
  const age = fam(
    'drainboard_watch_last_event_age_seconds',
    'gauge',
    'Seconds since the last watch event or bookmark.',
  );
  const clients = fam('drainboard_stream_clients', 'gauge', 'Stream (SSE) clients connected.');
  const opened = fam('drainboard_stream_clients_opened_total', 'counter', 'Streams opened.');
  const dropped = fam(
    'drainboard_stream_clients_dropped_total',
    'counter',
    'Streams dropped because the client stopped reading.',
  );
  const delivered = fam(
    'drainboard_stream_events_delivered_total',
    'counter',
    'Events (snapshots included) handed to stream clients.',
  );
  const users = fam('drainboard_watch_users', 'gauge', 'Streams and requests holding the watches.');
  const stuck = fam(
    'drainboard_stuck_items',
    'gauge',
    'Stuck items by kind (retry, budget, terminating, node), as the stuck monitor last found them.',
  );
  const retries = fam(
    'drainboard_retry_entries',
    'gauge',
    'Retry queue entries by state (every pending one; finished ones as recently kept).',
  );

  for (const watch of await live.all()) {
    const cluster = watch.name;
    const counters = watch.counters();
    const status = watch.model.watchStatuses();
    for (const resource of ResourceSchema.options) {
      const labels = { cluster, resource };
      const c = counters[resource];
      watches.samples.push({ labels, value: watch.isWatching ? 1 : 0 });
      state.samples.push({ labels: { ...labels, state: status[resource].state }, value: 1 });
      relists.samples.push({ labels, value: c.relists });
      restarts.samples.push({ labels, value: c.restarts });
      events.samples.push({ labels, value: c.events });
      if (c.lastEventAt !== undefined) {
        age.samples.push({ labels, value: Math.max(0, (now - c.lastEventAt) / 1000) });
      }
    }
    const hub = watch.hub.stats;
    clients.samples.push({ labels: { cluster }, value: hub.clients });
    opened.samples.push({ labels: { cluster }, value: hub.opened });
    dropped.samples.push({ labels: { cluster }, value: hub.dropped });
    delivered.samples.push({ labels: { cluster }, value: hub.eventsDelivered });
    users.samples.push({ labels: { cluster }, value: watch.userCount });
    for (const [kind, value] of Object.entries(stuckKindCounts(watch.model.stuck()))) {
      stuck.samples.push({ labels: { cluster, kind }, value });
    }
    const views = watch.model.retryViews();
    for (const state of RetryStateSchema.options) {
      const value = views.filter((v) => v.state === state).length;
      retries.samples.push({ labels: { cluster, state }, value });
    }
  }
  return render([
    watches,
    state,
    relists,
    restarts,
    events,
    age,
    users,
    clients,
    opened,
    dropped,
    delivered,
    stuck,
    retries,
  ]);
}
