import { afterEach, describe, expect, it, vi } from 'vitest';

import type { DrainPlan } from '@/lib/domain/drains';

import {
  cordonUrl,
  drainHref,
  DrainRefusedError,
  drainUrl,
  fetchDrainPlan,
  setCordon,
  startDrain,
  stopDrain,
} from './drains-api';
import { ApiError } from './evictions';

const plan: DrainPlan = {
  cluster: 'demo',
  nodes: [{ name: 'node-3', isCordoned: false, isReady: true }],
  request: {
    force: false,
    ignoreDaemonSets: false,
    deleteEmptyDirData: false,
    podSelector: '',
    gracePeriodSeconds: null,
    timeoutSeconds: 0,
  },
  pods: [],
  errors: ['cannot delete Pods that declare no controller (use --force to override): shop/x'],
  warning: null,
  budgets: [],
  canStart: false,
  canFinish: true,
  problems: [],
  plannedAt: '2026-11-29T04:00:00Z',
};

function answerWith(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('URLs', () => {
  it('percent-encodes names', () => {
    expect(drainUrl('kind a', 12)).toBe('/api/clusters/kind%20a/drains/12');
    expect(cordonUrl('demo', 'node-3', true)).toBe('/api/clusters/demo/nodes/node-3/cordon');
    expect(cordonUrl('demo', 'node-3', false)).toBe('/api/clusters/demo/nodes/node-3/uncordon');
    expect(drainHref('kind a', 12)).toBe('/clusters/kind%20a/drains/12');
  });
});

describe('requests', () => {
  it('POSTs the plan as JSON, with the Content-Type the server requires', async () => {
    const fetch = answerWith(200, plan);
    await expect(fetchDrainPlan('demo', { nodes: ['node-3'] })).resolves.toEqual(plan);
    expect(fetch).toHaveBeenCalledWith('/api/clusters/demo/drains/plan', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"nodes":["node-3"]}',
    });
  });

  it('DELETEs to stop, with the JSON Content-Type too', async () => {
    const fetch = answerWith(409, { error: 'over', message: 'drain 12 is already over' });
    await expect(stopDrain('demo', 12)).rejects.toThrow('drain 12 is already over');
    expect(fetch.mock.calls[0]).toMatchObject([
      '/api/clusters/demo/drains/12',
      { method: 'DELETE', headers: { 'Content-Type': 'application/json' } },
    ]);
  });

  it('reads kubectl’s words of a cordon', async () => {
    const answer = { node: 'node-3', isCordoned: true, message: 'node/node-3 cordoned' };
    answerWith(200, answer);
    await expect(setCordon('demo', 'node-3', true)).resolves.toEqual(answer);
  });
});

describe('errors', () => {
  it('throws the server’s message with the HTTP status', async () => {
    answerWith(400, { error: 'invalid', message: 'nodes: name at least one node' });
    const error = await fetchDrainPlan('demo', { nodes: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, message: 'nodes: name at least one node' });
  });

  it('carries the plan of a refused start', async () => {
    answerWith(409, { error: 'refused', message: 'kubectl drain refuses 1 pod', plan });
    const error = await startDrain('demo', { nodes: ['node-3'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DrainRefusedError);
    expect(error).toMatchObject({ status: 409, message: 'kubectl drain refuses 1 pod', plan });
  });

  it('says so when an answer is not the contract’s', async () => {
    answerWith(502, 'not json at all');
    await expect(fetchDrainPlan('demo', { nodes: ['node-3'] })).rejects.toMatchObject({
      status: 502,
      message: 'POST /api/clusters/demo/drains/plan answered 502',
    });
    answerWith(200, { drains: 'nope' });
    await expect(stopDrain('demo', 1)).rejects.toThrow('answered an unreadable body');
  });
});
