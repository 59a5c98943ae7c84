/** A plain HTTP reader of the dashboard's SSE stream, as a script or another tab would be. */
export interface StreamClient {
  /** Resolves once the first event (`snapshot`) has arrived whole. */
  snapshot: Promise<void>;
  close(): void;
}

/**
 * Opens `GET url` with fetch and keeps reading it until {@link StreamClient.close}. The
 * snapshot promise rejects if the answer is not an event stream or it ends before a snapshot.
 */
export function openStream(url: string): StreamClient {
  const abort = new AbortController();
  const snapshot = (async () => {
    const res = await fetch(url, { signal: abort.signal });
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || !type.startsWith('text/event-stream') || res.body === null) {
      throw new Error(`GET ${url}: ${res.status} ${type}`);
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`${url} ended before its snapshot`);
      text += decoder.decode(value, { stream: true });
      const start = text.indexOf('event: snapshot\n');
      if (start >= 0 && text.indexOf('\n\n', start) >= 0) break;
    }
    // Keep reading (and discarding) so the server never sees a stalled client.
    void drain(reader);
  })();
  // A rejection after close() is the abort itself; callers await `snapshot` before closing.
  snapshot.catch(() => undefined);
  return { snapshot, close: () => abort.abort() };
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    for (;;) if ((await reader.read()).done) return;
  } catch {
    // Aborted by close().
  }
}
