import { describe, expect, it } from 'vitest';

import { SseParser, type SseEvent } from './sse-parser';

function parse(chunks: string[]): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const parser = new SseParser(
    (e) => events.push(e),
    (c) => comments.push(c),
  );
  for (const c of chunks) parser.feed(c);
  return { events, comments };
}

const STREAM =
  'event: snapshot\nid: 7\ndata: {"a":1}\n\n: ping\n\nevent: upsert\r\nid: 8\r\ndata: [1,\r\ndata: 2]\r\n\r\ndata: x\n\n';

describe('SseParser', () => {
  it.each([
    ['whole', [STREAM]],
    ['one character at a time', [...STREAM]],
    ['split inside CRLF', STREAM.split(/(?<=\r)/)],
  ])('dispatches named events, ids, joined data and comments (%s)', (_, chunks) => {
    const { events, comments } = parse(chunks);
    expect(events).toEqual([
      { event: 'snapshot', id: '7', data: '{"a":1}' },
      { event: 'upsert', id: '8', data: '[1,\n2]' },
      { event: 'message', id: '8', data: 'x' },
    ]);
    expect(comments).toEqual(['ping']);
  });

  it('does not dispatch an event whose blank line has not arrived', () => {
    expect(parse(['event: upsert\ndata: {}\n']).events).toEqual([]);
  });
});
