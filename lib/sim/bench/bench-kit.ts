/**
 * What the benchmarks share: bench-sim.ts here and the stream benchmark (lib/bench), which
 * imports it from lib/sim because lib/sim imports nothing outside itself. A plain node:http
 * client over the caller's keep-alive Agent (bodies read whole, no retries), nearest-rank
 * quantiles, and numbers and tables for plain-text output.
 */
import { request, type Agent } from 'node:http';
import { performance } from 'node:perf_hooks';

// ---------------------------------------------------------------------------------------
// HTTP client

export interface Reply {
  status: number;
  body: Buffer;
  /** From sending the request to the reply's last byte. */
  ms: number;
}

/** A merge PATCH on its way. */
export interface SentPatch {
  /** performance.now() just before the request's body was written. */
  sentAt: number;
  /** The reply's HTTP status once its body has been read and discarded. */
  status: Promise<number>;
}

export interface HttpClient {
  /** One request; `body` is sent as JSON unless a Content-Type says otherwise. */
  call(
    base: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  /** A JSON merge patch (RFC 7386) of `patch` at `path`. */
  mergePatch(base: string, path: string, patch: unknown): SentPatch;
}

/**
 * Requests over `agent`, which the caller sizes to its concurrency and destroys at the end.
 * Both methods reject on a transport error; an HTTP error status is a reply like any other.
 */
export function httpClient(agent: Agent): HttpClient {
  return {
    call(base, method, path, body, headers = {}) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const h: Record<string, string | number> = { Accept: 'application/json', ...headers };
      if (payload !== undefined) {
        h['Content-Type'] ??= 'application/json';
        h['Content-Length'] = Buffer.byteLength(payload);
      }
      return new Promise((resolve, reject) => {
        const t0 = performance.now();
        const req = request(new URL(path, base), { method, agent, headers: h }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks),
              ms: performance.now() - t0,
            }),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload);
      });
    },

    mergePatch(base, path, patch) {
      const payload = JSON.stringify(patch);
      const headers = {
        Accept: 'application/json',
        'Content-Type': 'application/merge-patch+json',
        'Content-Length': Buffer.byteLength(payload),
      };
      let sentAt = 0;
      const status = new Promise<number>((resolve, reject) => {
        const req = request(new URL(path, base), { method: 'PATCH', agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        });
        req.on('error', reject);
        sentAt = performance.now();
        req.end(payload);
      });
      return { sentAt, status };
    },
  };
}

/** The reply of a request that must succeed (2xx); throws with the status and body otherwise. */
export async function expectOk(p: Promise<Reply>, what: string): Promise<Reply> {
  const r = await p;
  if (r.status < 200 || r.status >= 300)
    throw new Error(`${what}: HTTP ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
  return r;
}

// ---------------------------------------------------------------------------------------
// Statistics and formatting

/** The nearest-rank quantile `q` of `sorted` (ascending); NaN if it is empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

/** `n` with thousands separators and `digits` decimals; '–' if it is not finite. */
export const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';
export const int = (n: number): string => fmt(n, 0);
export const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`;

/** A table with the first column left-aligned and the others right-aligned. */
export function table(head: string[], rows: string[][], indent = '  '): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
