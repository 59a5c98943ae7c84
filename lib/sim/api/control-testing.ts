import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { RealClock } from '../clock';
import { Store } from '../store/store';
import { AccessRules } from './access';
import type { DisruptionSwitch } from './control';
import { FaultState } from './faults';
import { Registry } from './registry';
import { createApiServer } from './server';
import { WatchHub } from './watch';

/**
 * An API server with the control API, faults and metrics, assembled as the cluster does but
 * without controllers or scenarios, for the tests of control.ts, faults.ts and metrics.ts.
 */
export interface ControlHarness {
  url: string;
  store: Store;
  watches: WatchHub;
  faults: FaultState;
  access: AccessRules;
  disruption: DisruptionSwitch;
  /** Scenarios passed to reset, in order. */
  resets: string[];
  kc: KubeConfig;
  /** A JSON request; `body` is sent as JSON unless it is a string. */
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }>;
  stop(): Promise<void>;
}

const SCENARIOS = ['empty', 'demo'];

/** Starts a harness on a free port; `random` drives the fault shares. */
export async function startControlHarness(random?: () => number): Promise<ControlHarness> {
  const clock = new RealClock();
  const store = new Store(clock);
  const registry = new Registry(store, clock);
  const watches = new WatchHub(store, clock, 10_000);
  const faults = new FaultState(random);
  const access = new AccessRules();
  let paused = false;
  const disruption: DisruptionSwitch = {
    pause: () => (paused = true),
    resume: () => (paused = false),
    get paused() {
      return paused;
    },
  };
  const resets: string[] = [];
  const reset = async (scenario: string): Promise<void> => {
    if (!SCENARIOS.includes(scenario))
      throw new Error(`unknown scenario "${scenario}"; known: ${SCENARIOS.join(', ')}`);
    resets.push(scenario);
  };
  const server = createApiServer({
    registry,
    watches,
    clock,
    faults,
    access,
    control: { disruption, watches, faults, access, reset },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sim', server: url, skipTLSVerify: true }],
    users: [{ name: 'sim', token: 'x' }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
    currentContext: 'sim',
  });
  return {
    url,
    store,
    watches,
    faults,
    access,
    disruption,
    resets,
    kc,
    async call(method, path, body) {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers = { 'Content-Type': 'application/json' };
      }
      const res = await fetch(url + path, init);
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
    },
    async stop() {
      watches.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A watch read line by line over plain HTTP. */
export interface RawWatch {
  status: number;
  lines: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  abort(): void;
}

/** Opens `path` (a `?watch=true` URL) and collects its lines. */
export async function openRawWatch(url: string): Promise<RawWatch> {
  const ctrl = new AbortController();
  const res = await fetch(url, { signal: ctrl.signal });
  const lines: string[] = [];
  const reader = res.body?.getReader();
  const ended = (async () => {
    if (!reader) return;
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        const parts = buf.split('\n');
        buf = parts.pop() ?? '';
        lines.push(...parts.filter((l) => l !== ''));
      }
    } catch {
      // Aborted by the test.
    }
  })();
  return { status: res.status, lines, ended, abort: () => ctrl.abort() };
}

/** Polls until `check` returns true, or fails after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}
