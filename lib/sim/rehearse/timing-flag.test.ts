import { describe, expect, it } from 'vitest';
import { parseTimingFlags } from './timing-flag';

describe('--timing', () => {
  it('reads each workload its times, in milliseconds, any of the three', () => {
    expect(
      parseTimingFlags([
        'shop/Deployment/web=start:2s,ready:5s,shutdown:30s',
        'shop/StatefulSet/db=ready:1m30s',
        'kube-system/DaemonSet/node-exporter=shutdown:0',
        'shop/ReplicaSet/legacy.v1=start:1500ms',
      ]),
    ).toEqual({
      'shop/Deployment/web': { startMs: 2_000, readyMs: 5_000, shutdownMs: 30_000 },
      'shop/StatefulSet/db': { readyMs: 90_000 },
      'kube-system/DaemonSet/node-exporter': { shutdownMs: 0 },
      'shop/ReplicaSet/legacy.v1': { startMs: 1_500 },
    });
    expect(parseTimingFlags([])).toEqual({});
  });

  it.each([
    [
      'shop/Deployment/web',
      /--timing shop\/Deployment\/web: expected namespace\/Kind\/name=start:2s/,
    ],
    ['shop/web=start:1s', /"shop\/web" is not namespace\/Kind\/name/],
    ['shop/Job/web=start:1s', /Kind: Deployment, StatefulSet, DaemonSet or ReplicaSet/],
    ['Shop/Deployment/web=start:1s', /"Shop\/Deployment\/web" is not namespace\/Kind\/name/],
    ['shop/Deployment/web=', /"" is not start:D, ready:D or shutdown:D/],
    ['shop/Deployment/web=begin:1s', /"begin:1s" is not start:D, ready:D or shutdown:D/],
    ['shop/Deployment/web=constructor:5s', /"constructor:5s" is not start:D, ready:D/],
    ['shop/Deployment/web=toString:1s', /"toString:1s" is not start:D, ready:D/],
    ['shop/Deployment/web=__proto__:1s', /"__proto__:1s" is not start:D, ready:D/],
    ['shop/Deployment/web=start:1s:2s', /"start:1s:2s" is not start:D/],
    ['shop/Deployment/web=start:5', /start "5" is not a duration such as 5s or 1m30s/],
    ['shop/Deployment/web=ready:-1s', /ready "-1s" is not a duration/],
    ['shop/Deployment/web=shutdown:11m', /shutdown 11m is longer than 10m/],
    ['shop/Deployment/web=start:1s,start:2s', /start is given twice/],
  ])('refuses %s', (flag, message) => {
    expect(() => parseTimingFlags([flag])).toThrow(message);
  });

  it('refuses a workload given twice', () => {
    expect(() =>
      parseTimingFlags(['shop/Deployment/web=start:1s', 'shop/Deployment/web=ready:1s']),
    ).toThrow('--timing: shop/Deployment/web is given twice');
  });
});
