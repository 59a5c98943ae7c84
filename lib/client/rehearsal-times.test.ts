import { describe, expect, it } from 'vitest';

import { podView } from '@/lib/domain/test-views';
import type { OwnerView } from '@/lib/domain/views';

import { readSeconds, rehearsalBody, rehearsalWorkloads } from './rehearsal-times';

const replicas = { desired: 1, current: 1, ready: 1, available: 1, updated: 1 };

function owner(
  uid: string,
  kind: OwnerView['kind'],
  name: string,
  parent: OwnerView['owner'] = null,
): [string, OwnerView] {
  return [uid, { uid, kind, namespace: 'shop', name, owner: parent, replicas }];
}

describe('rehearsalWorkloads', () => {
  it('lists what a copy has, counting each pod for its workload', () => {
    const owners = new Map([
      owner('d-web', 'Deployment', 'web'),
      owner('rs-1', 'ReplicaSet', 'web-7d9f', { kind: 'Deployment', name: 'web', uid: 'd-web' }),
      owner('rs-2', 'ReplicaSet', 'web-5c4b', { kind: 'Deployment', name: 'web', uid: 'd-web' }),
      owner('rs-lone', 'ReplicaSet', 'lone'),
      owner('rs-roll', 'ReplicaSet', 'roll-1', { kind: 'Rollout', name: 'roll', uid: 'r' }),
      owner('s-db', 'StatefulSet', 'db'),
      owner('d-idle', 'Deployment', 'idle'),
    ]);
    const pods = new Map(
      [
        podView('web-7d9f-a'),
        podView('web-5c4b-b', { owner: { kind: 'ReplicaSet', name: 'web-5c4b', uid: 'rs-2' } }),
        podView('lone-c', { owner: { kind: 'ReplicaSet', name: 'lone', uid: 'rs-lone' } }),
        podView('roll-1-d', { owner: { kind: 'ReplicaSet', name: 'roll-1', uid: 'rs-roll' } }),
        podView('db-0', { owner: { kind: 'StatefulSet', name: 'db', uid: 's-db' } }),
        // Its DaemonSet not in the model yet: known by the pod's owner reference.
        podView('agent-x', { owner: { kind: 'DaemonSet', name: 'agent', uid: 'ds-new' } }),
        // A ReplicaSet not in the model yet may be any controller's: not counted.
        podView('new-y', { owner: { kind: 'ReplicaSet', name: 'new', uid: 'rs-new' } }),
        podView('bare', { owner: null }),
        podView('job-z', { owner: { kind: 'Job', name: 'job', uid: 'j' } }),
      ].map((p) => [p.uid, p]),
    );
    expect(rehearsalWorkloads(owners, pods)).toEqual([
      { key: 'shop/DaemonSet/agent', pods: 1 },
      { key: 'shop/Deployment/idle', pods: 0 },
      { key: 'shop/Deployment/web', pods: 2 },
      { key: 'shop/ReplicaSet/lone', pods: 1 },
      { key: 'shop/StatefulSet/db', pods: 1 },
    ]);
  });
});

describe('readSeconds', () => {
  it.each([
    ['', null],
    ['  ', null],
    [undefined, null],
    ['0', 0],
    [' 45 ', 45],
    ['600', 600],
    ['601', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['1e2', undefined],
    ['5s', undefined],
  ])('%j is %j', (text, seconds) => {
    expect(readSeconds(text)).toBe(seconds);
  });
});

describe('rehearsalBody', () => {
  const WEB = 'shop/Deployment/web';
  const DB = 'shop/StatefulSet/db';
  const both = new Set([WEB, DB]);

  it('sends only the fields given, and nothing at all when none is', () => {
    expect(rehearsalBody({}, both)).toEqual({ body: {}, invalid: [] });
    expect(rehearsalBody({ [WEB]: { start: '', ready: ' ' } }, both)).toEqual({
      body: {},
      invalid: [],
    });
    expect(
      rehearsalBody(
        { [WEB]: { start: '7', ready: '', shutdown: '45' }, [DB]: { ready: '0' } },
        both,
      ),
    ).toEqual({
      body: {
        timings: { [WEB]: { startSeconds: 7, shutdownSeconds: 45 }, [DB]: { readySeconds: 0 } },
      },
      invalid: [],
    });
  });

  it('names each workload with a field that is not whole seconds from 0 to 600, once', () => {
    const { invalid } = rehearsalBody(
      { [WEB]: { start: '1.5', ready: '999' }, [DB]: { ready: '3' } },
      both,
    );
    expect(invalid).toEqual([WEB]);
  });

  it('leaves out the times, valid or not, of workloads not listed now', () => {
    const inputs = {
      [WEB]: { start: '7' },
      [DB]: { ready: '3' },
      'shop/Deployment/gone': { start: '5' },
    };
    expect(rehearsalBody(inputs, new Set([WEB]))).toEqual({
      body: { timings: { [WEB]: { startSeconds: 7 } } },
      invalid: [],
    });
    expect(rehearsalBody({ [DB]: { start: 'x' } }, new Set([WEB]))).toEqual({
      body: {},
      invalid: [],
    });
    expect(rehearsalBody(inputs, new Set())).toEqual({ body: {}, invalid: [] });
  });
});
