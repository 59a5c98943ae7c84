import { describe, expect, it } from 'vitest';

import { SSE_HEADERS, formatComment, formatEvent, parseLastEventId } from './sse';
import { SseParser } from './sse-testkit';

describe('formatEvent', () => {
  it('writes the event name, the id and one JSON data line', () => {
    expect(formatEvent({ event: 'upsert', id: 7, data: { a: 1 } })).toBe(
      'event: upsert\nid: 7\ndata: {"a":1}\n\n',
    );
  });

  it('omits the id when there is none and writes null for undefined data', () => {
    expect(formatEvent({ event: 'watch-status', data: undefined })).toBe(
      'event: watch-status\ndata: null\n\n',
    );
  });

  it('keeps line breaks inside strings escaped, so one event stays one event', () => {
    const data = { message: 'line one\nline two\r\nthree', nested: ['\r'] };
    const parser = new SseParser();
    parser.feed(formatEvent({ event: 'upsert', id: 1, data }));
    expect(parser.events).toHaveLength(1);
    expect(JSON.parse(parser.events[0]?.data ?? '')).toEqual(data);
  });

  it('writes null when the data serialises to nothing', () => {
    const data = { toJSON: () => undefined };
    expect(formatEvent({ event: 'x', data })).toBe('event: x\ndata: null\n\n');
  });

  it('joins multi-line data lines back into one payload on the parser side', () => {
    const parser = new SseParser();
    parser.feed('event: x\nid: 2\ndata: {\ndata:   "a": 1\ndata: }\n\n');
    expect(JSON.parse(parser.events[0]?.data ?? '')).toEqual({ a: 1 });
  });

  it.each([
    { frame: { event: 'a\nb', data: 1 } },
    { frame: { event: 'a\rb', data: 1 } },
    { frame: { event: '', data: 1 } },
    { frame: { event: 'a', id: -1, data: 1 } },
    { frame: { event: 'a', id: 1.5, data: 1 } },
  ])('rejects a frame that would corrupt the stream: $frame', ({ frame }) => {
    expect(() => formatEvent(frame)).toThrow(TypeError);
  });

  it('round-trips a sequence of events through an EventSource-like parser', () => {
    const parser = new SseParser();
    const text =
      formatEvent({ event: 'snapshot', id: 3, data: { pods: [] } }) +
      formatComment('ping') +
      formatEvent({ event: 'delete', id: 4, data: { uid: 'u1' } });
    // Fed byte by byte: a frame split anywhere must still parse.
    for (const ch of text) parser.feed(ch);
    expect(parser.events).toEqual([
      { event: 'snapshot', id: '3', data: '{"pods":[]}' },
      { event: 'delete', id: '4', data: '{"uid":"u1"}' },
    ]);
    expect(parser.comments).toEqual(['ping']);
  });
});

describe('formatComment', () => {
  it('prefixes every line with a colon', () => {
    expect(formatComment('ping')).toBe(': ping\n\n');
    expect(formatComment('a\nb')).toBe(': a\n: b\n\n');
  });
});

describe('parseLastEventId', () => {
  it.each([
    { value: '42', expected: 42 },
    { value: ' 0 ', expected: 0 },
    { value: null, expected: undefined },
    { value: undefined, expected: undefined },
    { value: '', expected: undefined },
    { value: '-1', expected: undefined },
    { value: '1e3', expected: undefined },
    { value: '12abc', expected: undefined },
    { value: '99999999999999999', expected: undefined },
  ])('$value → $expected', ({ value, expected }) => {
    expect(parseLastEventId(value)).toBe(expected);
  });
});

describe('SSE_HEADERS', () => {
  it('turns off caching, transformation, compression and proxy buffering', () => {
    expect(SSE_HEADERS).toMatchObject({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'Content-Encoding': 'none',
      'X-Accel-Buffering': 'no',
    });
  });
});
