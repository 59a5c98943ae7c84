import { describe, expect, it } from 'vitest';

import { EndpointViewSchema, OwnerViewSchema } from '@/lib/domain/views';

import { toDaemonSetOwnerView, toEndpointView, toReplicatedOwnerView } from './convert-owners';

describe('owner views', () => {
  it.each([
    {
      name: 'a Deployment scaled to 0 shows 0',
      view: toReplicatedOwnerView('Deployment', {
        metadata: { name: 'web', namespace: 'shop', uid: 'd1' },
        spec: { replicas: 0, selector: {}, template: {} },
        status: {},
      }),
      replicas: { desired: 0, current: 0, ready: 0, available: 0, updated: 0 },
    },
    {
      name: 'a ReplicaSet without spec.replicas wants 1',
      view: toReplicatedOwnerView('ReplicaSet', {
        metadata: { name: 'web-7d9f', namespace: 'shop', uid: 'rs-uid-1' },
        spec: { selector: {} },
        status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
      }),
      replicas: { desired: 1, current: 1, ready: 1, available: 1, updated: 0 },
    },
    {
      name: 'a DaemonSet counts its scheduled nodes',
      view: toDaemonSetOwnerView({
        metadata: { name: 'logs', namespace: 'kube-system', uid: 'ds1' },
        status: {
          currentNumberScheduled: 3,
          desiredNumberScheduled: 3,
          numberMisscheduled: 0,
          numberReady: 2,
        },
      }),
      replicas: { desired: 3, current: 3, ready: 2, available: 0, updated: 0 },
    },
  ])('$name', ({ view, replicas }) => {
    expect(view.replicas).toEqual(replicas);
    expect(OwnerViewSchema.parse(view)).toEqual(view);
  });
});

describe('toEndpointView', () => {
  it('reads unset conditions as ready, serving and not terminating', () => {
    const view = toEndpointView({
      addressType: 'IPv4',
      metadata: {
        name: 'web-abc',
        namespace: 'shop',
        uid: 'es1',
        labels: { 'kubernetes.io/service-name': 'web' },
      },
      endpoints: [
        { addresses: ['10.0.0.12'], targetRef: { kind: 'Pod', name: 'web-1', uid: 'uid-1' } },
        {
          addresses: ['10.0.0.13'],
          conditions: { ready: false, serving: true, terminating: true },
          targetRef: { kind: 'Pod', name: 'web-2', uid: 'uid-2' },
        },
      ],
    });
    expect(view.serviceName).toBe('web');
    expect(view.endpoints).toEqual([
      {
        podUid: 'uid-1',
        podName: 'web-1',
        addresses: ['10.0.0.12'],
        isReady: true,
        isServing: true,
        isTerminating: false,
      },
      {
        podUid: 'uid-2',
        podName: 'web-2',
        addresses: ['10.0.0.13'],
        isReady: false,
        isServing: true,
        isTerminating: true,
      },
    ]);
    expect(EndpointViewSchema.parse(view)).toEqual(view);
  });
});
