import { describe, expect, it } from 'vitest';

import {
  counterDelta,
  drainFigures,
  evictionRequests,
  parseSample,
  parseSimCounters,
  type PodTrack,
} from './drain-figures';

describe('drainFigures', () => {
  const budgets = new Map([
    ['web-a', 'web'],
    ['web-b', 'web'],
    ['db-0', 'db'],
  ]);
  const tracks = new Map<string, PodTrack>([
    ['web-a', { acceptedAt: 1_100, grace: 30, goneAt: 2_100 }],
    ['web-b', { acceptedAt: 2_300, grace: 30, goneAt: 3_300 }],
    ['db-0', { acceptedAt: 1_050, grace: 30, goneAt: 3_000 }],
  ]);

  it('times the node empty, the replacements, the first eviction and each reaction', () => {
    const f = drainFigures({
      startedAt: 1_000,
      budgets,
      tracks,
      reopens: new Map([
        ['web', [2_100, 3_300]],
        ['db', [6_000]],
      ]),
      replacementsReady: [2_100, 3_300, 6_000],
    });
    expect(f).toMatchObject({
      goneMs: 2_300,
      completeMs: 5_000,
      firstAcceptedMs: 50,
      graceZero: 0,
      reactions: [200],
      reactionP50: 200,
      reactionMax: 200,
    });
    expect(f.budgetGoneMs).toEqual(
      new Map([
        ['web', 2_300],
        ['db', 2_000],
      ]),
    );
  });

  it('leaves what did not happen undefined (NaN) and counts deletions without grace', () => {
    const f = drainFigures({
      startedAt: 0,
      budgets,
      tracks: new Map([...tracks, ['web-b', { acceptedAt: 500, grace: 0 }]]),
      reopens: new Map(),
      replacementsReady: [1, 2],
    });
    expect(f.goneMs).toBeNaN();
    expect(f.completeMs).toBeNaN();
    expect(f.graceZero).toBe(1);
    expect(f.reactionP50).toBeNaN();
  });
});

const METRICS = `# HELP drainboard_sim_evictions_total Evictions by code.
# TYPE drainboard_sim_evictions_total counter
drainboard_sim_evictions_total{code="201"} 20
drainboard_sim_evictions_total{code="429"} 101
drainboard_sim_evictions_repeated_total 0
apiserver_request_total{verb="DELETE",dry_run="",group="",version="v1",resource="pods",subresource="",scope="resource",component="apiserver",code="200"} 2
apiserver_request_total{verb="DELETE",dry_run="All",group="",version="v1",resource="pods",subresource="",scope="resource",component="apiserver",code="200"} 5
apiserver_request_total{verb="POST",dry_run="",group="",version="v1",resource="pods",subresource="eviction",scope="resource",component="apiserver",code="201"} 20
apiserver_request_total{verb="DELETE",dry_run="",group="apps",version="v1",resource="deployments",subresource="",scope="resource",component="apiserver",code="200"} 1
`;

describe('parseSimCounters', () => {
  it('reads evictions by code, repeated evictions and real pod DELETEs', () => {
    const c = parseSimCounters(METRICS);
    expect(c).toEqual({
      evictions: new Map([
        ['201', 20],
        ['429', 101],
      ]),
      repeated: 0,
      podDeletes: 2,
    });
    expect(evictionRequests(c)).toBe(121);
  });

  it('subtracts code by code, dropping codes that did not change', () => {
    const before = parseSimCounters('drainboard_sim_evictions_total{code="201"} 20\n');
    const d = counterDelta(parseSimCounters(METRICS), before);
    expect(d.evictions).toEqual(new Map([['429', 101]]));
    expect(d.podDeletes).toBe(2);
  });
});

describe('parseSample', () => {
  it('parses escaped label values and skips comments', () => {
    expect(parseSample('m{a="x\\"y",b="1"} 2.5')).toEqual({
      name: 'm',
      labels: { a: 'x"y', b: '1' },
      value: 2.5,
    });
    expect(parseSample('# TYPE m counter')).toBeUndefined();
  });
});
