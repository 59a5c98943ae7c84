import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from './evictions';
import { retryActionUrl, sendRetryAction } from './retries-api';
import { retryView } from './test-views';

const item = { ...retryView(7, 'web-1'), stuck: false, diagnoses: [], remedies: [] };

function answerWith(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('retryActionUrl', () => {
  it('addresses the entry, percent-encoding the cluster', () => {
    expect(retryActionUrl('kind a', 7, 'retry-now')).toBe(
      '/api/clusters/kind%20a/retries/7/retry-now',
    );
    expect(retryActionUrl('demo', 7, 'cancel')).toBe('/api/clusters/demo/retries/7');
  });
});

describe('sendRetryAction', () => {
  it('POSTs retry-now and reads the entry of a 202', async () => {
    const fetch = answerWith(202, item);
    await expect(sendRetryAction('demo', 7, 'retry-now')).resolves.toEqual({
      ok: true,
      entry: item,
    });
    expect(fetch).toHaveBeenCalledWith('/api/clusters/demo/retries/7/retry-now', {
      method: 'POST',
      headers: { Accept: 'application/json' },
    });
  });

  it('DELETEs to cancel', async () => {
    const fetch = answerWith(200, { ...item, state: 'cancelled' });
    const answer = await sendRetryAction('demo', 7, 'cancel');
    expect(answer.ok && answer.entry.state).toBe('cancelled');
    expect(fetch.mock.calls[0]).toMatchObject([
      '/api/clusters/demo/retries/7',
      { method: 'DELETE' },
    ]);
  });

  it('answers a refusal with its status and message', async () => {
    answerWith(409, { error: 'not-pending', message: 'entry 7 is evicted' });
    await expect(sendRetryAction('demo', 7, 'cancel')).resolves.toEqual({
      ok: false,
      status: 409,
      message: 'entry 7 is evicted',
    });
  });

  it("throws an ApiError with the status when the answer is not the contract's", async () => {
    answerWith(200, { nothing: true });
    await expect(sendRetryAction('demo', 7, 'cancel')).rejects.toBeInstanceOf(ApiError);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 502 })),
    );
    await expect(sendRetryAction('demo', 7, 'cancel')).rejects.toMatchObject({ status: 502 });
  });
});
