import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { readJsonBody } from './json-body';

const Schema = z.strictObject({ name: z.string().optional() });
const URL_ = 'http://127.0.0.1:3000/api/x';

const post = (body: BodyInit | undefined, type = 'application/json') =>
  new Request(URL_, {
    method: 'POST',
    headers: { 'Content-Type': type },
    ...(body === undefined ? {} : { body, duplex: 'half' }),
  });

/** A body of `chunks` chunks of 1 KiB, counting how many were read and whether it was cancelled. */
function counted(chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      seen.pulled += 1;
      controller.enqueue(new Uint8Array(1024).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('readJsonBody', () => {
  it('reads and validates a JSON body', async () => {
    expect(await readJsonBody(post('{"name":"café"}'), Schema)).toEqual({
      ok: true,
      value: { name: 'café' },
    });
    expect(await readJsonBody(post('{"nom":1}'), Schema)).toEqual({
      ok: false,
      message: 'invalid body: Unrecognized key: "nom"',
    });
  });

  it('refuses a body that is not application/json, unread', async () => {
    const { stream, seen } = counted(4);
    expect(await readJsonBody(post(stream, 'text/plain'), Schema)).toEqual({
      ok: false,
      message: 'the body must be application/json, not "text/plain"',
    });
    expect(seen.pulled).toBeLessThanOrEqual(1);
  });

  it.each([
    ['no body', undefined, 'application/json'],
    ['an empty body', '', 'application/json'],
    ['a blank body', ' \n', 'application/json'],
    ['an empty body of another type', '', 'text/plain'],
  ])('is emptyAs for %s, when given', async (_, body, type) => {
    expect(await readJsonBody(post(body, type), Schema, { emptyAs: {} })).toEqual({
      ok: true,
      value: {},
    });
  });

  it('refuses an empty body without emptyAs', async () => {
    expect(await readJsonBody(post(''), Schema)).toEqual({
      ok: false,
      message: 'the body is not valid JSON',
    });
  });

  it('with emptyAs, still refuses a body of another type', async () => {
    expect(await readJsonBody(post('{}', 'text/plain'), Schema, { emptyAs: {} })).toEqual({
      ok: false,
      message: 'the body must be application/json, not "text/plain"',
    });
  });

  it.each([{}, { emptyAs: {} }])(
    'refuses a 1 MiB body having read little more than 16 KiB of it (%j)',
    async (options) => {
      const { stream, seen } = counted(1024);
      expect(await readJsonBody(post(stream), Schema, options)).toEqual({
        ok: false,
        message: 'the body is larger than 16384 bytes',
      });
      expect(seen.pulled).toBeLessThan(32);
      expect(seen.cancelled).toBe(true);
    },
  );
});
