import { describe, expect, it } from 'vitest';
import type { KObject } from '../../store/types';
import { eventPrinter } from './events';

const now = Date.parse('2026-01-01T00:00:00Z');
const ago = (s: number): string => new Date(now - s * 1000).toISOString().replace('.000Z', 'Z');

function event(fields: Record<string, unknown>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web-0.17a2b3c4d5e6f7a8', namespace: 'default', creationTimestamp: ago(120) },
    involvedObject: {
      kind: 'Pod',
      name: 'web-0',
      namespace: 'default',
      fieldPath: 'spec.containers{app}',
    },
    type: 'Normal',
    reason: 'Pulled',
    message: 'Successfully pulled image "nginx"\n',
    source: { component: 'kubelet', host: 'node-1' },
    ...fields,
  };
}

describe('events', () => {
  it('prints the wide row in upstream column order', () => {
    const e = event({ firstTimestamp: ago(600), lastTimestamp: ago(30), count: 4 });
    expect(eventPrinter.row(e, now).cells).toEqual([
      '30s',
      'Normal',
      'Pulled',
      'pod/web-0',
      'spec.containers{app}',
      'kubelet, node-1',
      'Successfully pulled image "nginx"',
      '10m',
      4,
      'web-0.17a2b3c4d5e6f7a8',
    ]);
  });

  it('puts the wide columns between the default ones', () => {
    expect(eventPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Last Seen', 0],
      ['Type', 0],
      ['Reason', 0],
      ['Object', 0],
      ['Subobject', 1],
      ['Source', 1],
      ['Message', 0],
      ['First Seen', 1],
      ['Count', 1],
      ['Name', 1],
    ]);
  });

  it('reads events.k8s.io-style events: eventTime, series, reporting fields', () => {
    const e = event({
      source: {},
      reportingComponent: 'default-scheduler',
      reportingInstance: '',
      eventTime: '2025-12-31T23:55:00.000000Z',
      series: { count: 7, lastObservedTime: '2025-12-31T23:59:50.500000Z' },
    });
    const cells = eventPrinter.row(e, now).cells;
    expect(cells[0]).toBe('9s');
    expect(cells[5]).toBe('default-scheduler');
    expect(cells[7]).toBe('5m');
    expect(cells[8]).toBe(7);
  });

  it('counts a singleton event as 1 and uses first seen when last seen is unset', () => {
    const e = event({ firstTimestamp: ago(45), involvedObject: { kind: 'Node' } });
    const cells = eventPrinter.row(e, now).cells;
    expect(cells[0]).toBe('45s');
    expect(cells[3]).toBe('node');
    expect(cells[8]).toBe(1);
  });

  it('prints <unknown> when no time at all is known', () => {
    expect(eventPrinter.row(event({}), now).cells[0]).toBe('<unknown>');
  });
});
