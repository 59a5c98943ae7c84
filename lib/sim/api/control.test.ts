import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openRawWatch, startControlHarness, until, type ControlHarness } from './control-testing';

/** The control API under /sim/v1/ over real HTTP. */

let h: ControlHarness;

beforeAll(async () => {
  h = await startControlHarness();
});
afterAll(() => h.stop());
afterEach(() => h.faults.clear());

describe('GET /sim/v1/state', () => {
  it('reports pause, faults and open watches by resource', async () => {
    const w = await openRawWatch(`${h.url}/api/v1/pods?watch=true`);
    await until(() => h.watches.count() === 1);
    const res = await h.call('GET', '/sim/v1/state');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json()).toEqual({
      paused: false,
      faults: {
        latencyMs: 0,
        errorRate: 0,
        errorCode: 500,
        throttleRate: 0,
        retryAfterSeconds: 1,
        pendingWatchExpiries: 0,
      },
      watches: { total: 1, byResource: { pods: 1 } },
    });
    w.abort();
    await until(() => h.watches.count() === 0);
  });
});

describe('disruption controller', () => {
  it('pauses and resumes', async () => {
    expect((await h.call('POST', '/sim/v1/disruption-controller/pause')).json()).toEqual({
      paused: true,
    });
    expect(h.disruption.paused).toBe(true);
    expect((await h.call('GET', '/sim/v1/state')).json()).toMatchObject({ paused: true });
    expect((await h.call('POST', '/sim/v1/disruption-controller/resume')).json()).toEqual({
      paused: false,
    });
    expect(h.disruption.paused).toBe(false);
  });
});

describe('watches', () => {
  it('close ends every open stream', async () => {
    const a = await openRawWatch(`${h.url}/api/v1/namespaces?watch=true`);
    const b = await openRawWatch(`${h.url}/apis/apps/v1/deployments?watch=1`);
    await until(() => h.watches.count() === 2);
    const res = await h.call('POST', '/sim/v1/watches/close');
    expect(res.json()).toEqual({ closed: 2 });
    await Promise.all([a.ended, b.ended]);
    expect(h.watches.count()).toBe(0);
  });

  it('expire sets how many of the next watches get 410', async () => {
    const res = await h.call('POST', '/sim/v1/watches/expire', { count: 2 });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ pendingWatchExpiries: 2 });
    expect(h.faults.pendingWatchExpiries).toBe(2);
    expect((await h.call('POST', '/sim/v1/watches/expire', { count: 0 })).json()).toEqual({
      pendingWatchExpiries: 0,
    });
  });

  it.each([
    [undefined, 'a JSON object body is required'],
    ['{', 'invalid JSON'],
    [[1], 'must be a JSON object'],
    [{}, 'count is required'],
    [{ count: -1 }, 'count must be an integer from 0 to 1000'],
    [{ count: 1.5 }, 'count must be an integer'],
    [{ count: '3' }, 'count must be an integer'],
    [{ count: 1, extra: true }, 'unknown field "extra"'],
  ])('expire rejects %j', async (body, message) => {
    const res = await h.call('POST', '/sim/v1/watches/expire', body);
    expect(res.status).toBe(400);
    expect((res.json() as { error: string }).error).toContain(message);
  });
});

describe('faults', () => {
  it('PUT replaces the faults, GET reads them, DELETE clears them', async () => {
    const put = await h.call('PUT', '/sim/v1/faults', {
      latencyMs: 5,
      errorRate: 0.25,
      errorCode: 503,
      throttleRate: 0.5,
      retryAfterSeconds: 4,
    });
    expect(put.status).toBe(200);
    expect(put.json()).toEqual({
      latencyMs: 5,
      errorRate: 0.25,
      errorCode: 503,
      throttleRate: 0.5,
      retryAfterSeconds: 4,
      pendingWatchExpiries: 0,
    });
    // PUT replaces: what is left out is off again.
    await h.call('PUT', '/sim/v1/faults', { errorRate: 0.1 });
    expect((await h.call('GET', '/sim/v1/faults')).json()).toMatchObject({
      latencyMs: 0,
      errorRate: 0.1,
      errorCode: 500,
      throttleRate: 0,
    });
    await h.call('POST', '/sim/v1/watches/expire', { count: 3 });
    const del = await h.call('DELETE', '/sim/v1/faults');
    expect(del.json()).toMatchObject({ errorRate: 0, pendingWatchExpiries: 0 });
  });

  it.each([
    [{ latencyMs: -1 }, 'latencyMs must be an integer from 0 to 60000'],
    [{ latencyMs: 60_001 }, 'latencyMs must be an integer from 0 to 60000'],
    [{ errorRate: 1.5 }, 'errorRate must be a number from 0 to 1'],
    [{ throttleRate: null }, 'throttleRate must be a number from 0 to 1'],
    [{ errorCode: 502 }, 'errorCode must be 500 or 503'],
    [{ retryAfterSeconds: 0 }, 'retryAfterSeconds must be an integer from 1 to 32'],
    [{ latency: 5 }, 'unknown field "latency"'],
    ['null', 'must be a JSON object'],
  ])('PUT rejects %j', async (body, message) => {
    const res = await h.call('PUT', '/sim/v1/faults', body);
    expect(res.status).toBe(400);
    expect((res.json() as { error: string }).error).toContain(message);
    expect(h.faults.config.errorRate).toBe(0);
  });

  it('reads the body as JSON whatever its Content-Type, as `curl -d` sends it', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const ok = await fetch(`${h.url}/sim/v1/faults`, {
      method: 'PUT',
      headers: form,
      body: '{"errorRate": 0.5}',
    });
    expect(ok.status).toBe(200);
    expect(h.faults.config.errorRate).toBe(0.5);
    const yaml = await fetch(`${h.url}/sim/v1/faults`, {
      method: 'PUT',
      headers: form,
      body: 'errorRate: 1',
    });
    expect(yaml.status).toBe(400);
  });
});

describe('POST /sim/v1/reset', () => {
  it('resets to a known scenario', async () => {
    const res = await h.call('POST', '/sim/v1/reset', { scenario: 'demo' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ scenario: 'demo' });
    expect(h.resets).toEqual(['demo']);
  });

  it('answers 400 for an unknown scenario or a bad body', async () => {
    const unknown = await h.call('POST', '/sim/v1/reset', { scenario: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({ error: 'unknown scenario "nope"; known: empty, demo' });
    expect((await h.call('POST', '/sim/v1/reset', { scenario: 3 })).status).toBe(400);
    expect((await h.call('POST', '/sim/v1/reset', {})).status).toBe(400);
  });
});

describe('routing', () => {
  it('answers 404 for unknown control paths', async () => {
    for (const path of ['/sim', '/sim/', '/sim/v1/nope', '/sim/v2/state', '/sim/v1/state/']) {
      const res = await h.call('GET', path);
      expect(res.status, path).toBe(404);
      expect((res.json() as { error: string }).error).toContain('no control endpoint');
    }
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const res = await h.call('POST', '/sim/v1/state');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    const faults = await h.call('PATCH', '/sim/v1/faults', {});
    expect(faults.status).toBe(405);
    expect(faults.headers.get('allow')).toBe('GET, PUT, DELETE');
    expect((await h.call('GET', '/sim/v1/watches/close')).status).toBe(405);
  });

  it('is never faulted, so faults can always be undone', async () => {
    await h.call('PUT', '/sim/v1/faults', { errorRate: 1, throttleRate: 1 });
    expect((await h.call('GET', '/api/v1/namespaces')).status).toBe(429);
    expect((await h.call('GET', '/sim/v1/state')).status).toBe(200);
    expect((await h.call('GET', '/metrics')).status).toBe(200);
    expect((await h.call('DELETE', '/sim/v1/faults')).status).toBe(200);
    expect((await h.call('GET', '/api/v1/namespaces')).status).toBe(200);
  });
});
