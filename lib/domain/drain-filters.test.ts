import { describe, expect, it } from 'vitest';

import {
  DRAIN_DEFAULTS,
  DRAIN_MESSAGES,
  drainMessages,
  drainVerdict,
  type DrainFilterOptions,
  type DrainPod,
} from './drain-filters';

const NOW = Date.parse('2026-11-29T10:00:00Z');

function pod(name: string, over: Partial<DrainPod> = {}): DrainPod {
  return {
    namespace: 'shop',
    name,
    phase: 'Running',
    deletionTimestamp: null,
    controller: { kind: 'ReplicaSet', name: 'web-7d9f' },
    daemonSetExists: false,
    isMirror: false,
    hasEmptyDir: false,
    ...over,
  };
}

const ds = (name: string, over: Partial<DrainPod> = {}) =>
  pod(name, {
    namespace: 'kube-system',
    controller: { kind: 'DaemonSet', name: 'node-exporter' },
    daemonSetExists: true,
    ...over,
  });
const ALL: DrainFilterOptions = {
  ...DRAIN_DEFAULTS,
  force: true,
  ignoreDaemonSets: true,
  deleteEmptyDirData: true,
};

describe('drainVerdict', () => {
  it.each<[string, DrainPod, DrainFilterOptions, unknown]>([
    ['a replicated pod', pod('web-1'), DRAIN_DEFAULTS, { action: 'evict', warning: null }],
    [
      'a DaemonSet pod without --ignore-daemonsets',
      ds('node-exporter-x'),
      DRAIN_DEFAULTS,
      { action: 'refuse', error: DRAIN_MESSAGES.daemonSet },
    ],
    [
      'a DaemonSet pod with it',
      ds('node-exporter-x'),
      ALL,
      { action: 'skip', why: 'daemonset', warning: DRAIN_MESSAGES.ignoringDaemonSet },
    ],
    [
      'a pod of a DaemonSet that is gone',
      ds('orphan', { daemonSetExists: false }),
      DRAIN_DEFAULTS,
      { action: 'refuse', error: 'daemonsets.apps "node-exporter" not found' },
    ],
    [
      // Deleted, and (its controller reference still set) the later filters drop the warning.
      'a pod of a DaemonSet that is gone, with --force',
      ds('orphan', { daemonSetExists: false }),
      { ...DRAIN_DEFAULTS, force: true },
      { action: 'evict', warning: null },
    ],
    [
      'a finished DaemonSet pod',
      ds('done', { phase: 'Succeeded' }),
      DRAIN_DEFAULTS,
      { action: 'evict', warning: null },
    ],
    [
      'a mirror pod',
      pod('etcd-node-1', { isMirror: true, controller: { kind: 'Node', name: 'node-1' } }),
      DRAIN_DEFAULTS,
      { action: 'skip', why: 'mirror', warning: null },
    ],
    [
      'local storage without --delete-emptydir-data',
      pod('checkout-1', { hasEmptyDir: true }),
      DRAIN_DEFAULTS,
      { action: 'refuse', error: DRAIN_MESSAGES.localStorage },
    ],
    [
      // kubectl keeps the last filter's status: the controller check says nothing, so no warning.
      'local storage with it, and a controller',
      pod('checkout-1', { hasEmptyDir: true }),
      ALL,
      { action: 'evict', warning: null },
    ],
    [
      'a pod without controller',
      pod('debug-shell', { controller: null }),
      DRAIN_DEFAULTS,
      { action: 'refuse', error: DRAIN_MESSAGES.unreplicated },
    ],
    [
      'a pod without controller, with --force',
      pod('debug-shell', { controller: null, hasEmptyDir: true }),
      ALL,
      { action: 'evict', warning: DRAIN_MESSAGES.deletingUnreplicated },
    ],
    [
      'a finished pod without controller',
      pod('job-x', { controller: null, phase: 'Failed', hasEmptyDir: true }),
      DRAIN_DEFAULTS,
      { action: 'evict', warning: null },
    ],
    [
      'deleted longer ago than --skip-wait-for-delete-timeout',
      pod('old', { deletionTimestamp: '2026-11-29T09:59:49Z', controller: null }),
      { ...DRAIN_DEFAULTS, skipWaitForDeleteTimeoutSeconds: 10 },
      { action: 'skip', why: 'deleted-long-ago', warning: null },
    ],
    [
      'deleted, but not that long ago',
      pod('recent', { deletionTimestamp: '2026-11-29T09:59:50Z' }),
      { ...DRAIN_DEFAULTS, skipWaitForDeleteTimeoutSeconds: 10 },
      { action: 'evict', warning: null },
    ],
  ])('%s', (_, p, options, verdict) => {
    expect(drainVerdict(p, options, NOW)).toEqual(verdict);
  });
});

describe('drainMessages', () => {
  // The demo's node-3 (lib/sim/kubectl-drain.test.ts runs the real kubectl on it).
  const node3 = [
    ds('node-exporter-9pbhm'),
    pod('checkout-1', { hasEmptyDir: true }),
    pod('db-1', { controller: { kind: 'StatefulSet', name: 'db' } }),
    pod('debug-shell', { controller: null }),
    pod('web-1'),
  ];
  const messages = (options: DrainFilterOptions) =>
    drainMessages(node3.map((p) => ({ pod: p, verdict: drainVerdict(p, options, NOW) })));

  it('says what kubectl drain says with its flags: two warnings, no error', () => {
    expect(messages(ALL)).toEqual({
      errors: [],
      warning:
        'Warning: ignoring DaemonSet-managed Pods: kube-system/node-exporter-9pbhm; deleting Pods that declare no controller: shop/debug-shell',
    });
  });

  it('refuses without them, each error once with its pods, "cannot delete" doubled as kubectl does', () => {
    expect(messages(DRAIN_DEFAULTS)).toEqual({
      errors: [
        'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/node-exporter-9pbhm',
        'cannot delete Pods with local storage (use --delete-emptydir-data to override): shop/checkout-1',
        'cannot delete cannot delete Pods that declare no controller (use --force to override): shop/debug-shell',
      ],
      warning: null,
    });
  });

  it('groups several pods under one message', () => {
    const two = [pod('a', { controller: null }), pod('b', { controller: null })];
    const out = drainMessages(
      two.map((p) => ({ pod: p, verdict: drainVerdict(p, DRAIN_DEFAULTS, NOW) })),
    );
    expect(out.errors).toEqual([`cannot delete ${DRAIN_MESSAGES.unreplicated}: shop/a, shop/b`]);
  });
});
