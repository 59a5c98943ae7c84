import 'server-only';

import { expect } from 'vitest';

import type { TestCluster } from '@/lib/sim/testing';

import { Reflector, type ReflectorEvent, type ReflectorOptions } from './reflector';

/** Test helpers for reflector tests: talks to the embedded cluster over plain HTTP. */
export interface Harness {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** uid → resourceVersion of a fresh LIST. */
  freshList(path: string): Promise<Map<string, string>>;
  createPod(name: string): Promise<{ uid: string; resourceVersion: string }>;
  deletePod(name: string): Promise<void>;
  watchCount(resource: string): Promise<number>;
}

/** Builds the {@link Harness} for one test cluster. */
export function harness(tc: TestCluster): Harness {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${tc.cluster.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  return {
    call,
    async freshList(path) {
      const { json } = await call('GET', path);
      const items = (json as { items: { metadata: { uid: string; resourceVersion: string } }[] })
        .items;
      return new Map(items.map((i) => [i.metadata.uid, i.metadata.resourceVersion]));
    },
    async createPod(name) {
      // An unschedulable pod stays Pending: no controller churn, and a delete is immediate.
      const { status, json } = await call('POST', '/api/v1/namespaces/default/pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default' },
        spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'c', image: 'x' }] },
      });
      expect(status, `create ${name}`).toBe(201);
      return (json as { metadata: { uid: string; resourceVersion: string } }).metadata;
    },
    async deletePod(name) {
      const { status } = await call('DELETE', `/api/v1/namespaces/default/pods/${name}`);
      expect(status, `delete ${name}`).toBe(200);
    },
    async watchCount(resource) {
      const { json } = await call('GET', '/sim/v1/state');
      return (
        (json as { watches: { byResource: Record<string, number> } }).watches.byResource[
          resource
        ] ?? 0
      );
    },
  };
}

/** A reflector whose events are recorded, plus its cache as uid → resourceVersion. */
export function recorded(opts: Omit<ReflectorOptions, 'listener'>): {
  r: Reflector;
  events: ReflectorEvent[];
  cache: () => Map<string, string>;
} {
  const events: ReflectorEvent[] = [];
  const r = new Reflector({ ...opts, listener: (e) => events.push(e) });
  const cache = () =>
    new Map(r.items().map((o) => [o.metadata.uid, o.metadata.resourceVersion] as const));
  return { r, events, cache };
}

/** The `status` states in order. */
export function states(events: readonly ReflectorEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'status' ? [e.state] : []));
}
