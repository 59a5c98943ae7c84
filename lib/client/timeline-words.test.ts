import { describe, expect, it } from 'vitest';

import {
  findingText,
  type FindingParts,
  type SlowBasis,
  type StuckCause,
} from '@/lib/domain/timeline-findings';
import type { FactKind } from '@/lib/domain/timelines';

import { timelineSummary } from './test-views';
import { findingWords, formatClock, timelineChangeWords } from './timeline-words';
import { japanese } from './test-translators';

const JA = japanese('TimelineWords');

const byUid = (...ts: ReturnType<typeof timelineSummary>[]) => new Map(ts.map((t) => [t.uid, t]));

describe('timelineChangeWords', () => {
  const web1 = timelineSummary('web-1');
  const before = byUid(web1);
  const after = byUid(
    { ...web1, current: 'gone', findings: ['killed-at-deadline'] },
    timelineSummary('web-2'),
  );

  it('announces a new timeline, a phase change and a new finding', () => {
    expect(timelineChangeWords(before, after)).toBe(
      'shop/web-1: Gone. shop/web-1: Killed at deadline. Timeline started: shop/web-2, Terminating.',
    );
  });

  it('announces in Japanese', () => {
    expect(timelineChangeWords(before, after, JA)).toBe(
      'shop/web-1: 削除済み。 shop/web-1: 期限で強制終了。 タイムライン開始: shop/web-2、Terminating。',
    );
  });

  it('says nothing when only durations changed', () => {
    expect(timelineChangeWords(byUid(web1), byUid({ ...web1, totalMs: 9000 }))).toBeNull();
  });
});

const CAUSES: StuckCause[] = [
  { kind: 'finalizers', finalizers: ['example.com/x'] },
  { kind: 'finalizers', finalizers: ['a.io/x', 'b.io/y'] },
  { kind: 'containers-running' },
  { kind: 'not-deleted' },
];
const BASES: SlowBasis[] = [
  { kind: 'no-owner-data' },
  { kind: 'twice-median', medianMs: 20_000 },
  { kind: 'floor', medianMs: 5000 },
];

/** Every shape of every finding: each code, cause, basis, tense and plural. */
const EVERY_FINDING: readonly FindingParts[] = [
  { code: 'killed-at-deadline', container: 'worker', graceMs: 45_000 },
  { code: 'endpoint-after-sigterm', slice: 'web-x7k2p', service: 'web', delayMs: 2500 },
  { code: 'endpoint-after-sigterm', slice: 'web-x7k2p', service: null, delayMs: 125_000 },
  ...[true, false].flatMap((isDeleted) =>
    CAUSES.map((cause) => ({ code: 'past-deadline' as const, isDeleted, lateMs: 90_000, cause })),
  ),
  ...[true, false].flatMap((isReady) =>
    BASES.map((basis) => ({
      code: 'replacement-slow' as const,
      pod: 'web-2',
      isReady,
      tookMs: 420_000,
      expectedMs: 40_000,
      basis,
    })),
  ),
  { code: 'not-observed', steps: ['deleted'] },
  { code: 'not-observed', steps: ['deletion-started', 'container-terminated'] },
  { code: 'not-observed', steps: ['requested', 'not-ready', 'endpoint-removed', 'finalizers'] },
];

describe('findingWords', () => {
  it.each(EVERY_FINDING.map((parts) => [findingText(parts), parts] as const))(
    'says in English exactly what the domain says: %s',
    (text, parts) => {
      expect(findingWords(parts)).toBe(text);
    },
  );

  it('names every fact kind as a step, as the domain does', () => {
    const kinds: FactKind[] = [
      'requested',
      'disruption-target',
      'deletion-started',
      'not-ready',
      'endpoint-terminating',
      'endpoint-removed',
      'container-terminated',
      'terminal-phase',
      'finalizers',
      'deleted',
      'replacement-created',
      'replacement-scheduled',
      'replacement-running',
      'replacement-ready',
    ];
    for (const kind of kinds) {
      const parts: FindingParts = { code: 'not-observed', steps: [kind] };
      expect(findingWords(parts)).toBe(findingText(parts));
    }
  });

  it('says it in Japanese, durations included', () => {
    expect(findingWords(EVERY_FINDING[0]!, JA, 'ja')).toBe(
      'コンテナ worker は期限で強制終了された (終了コード 137): シャットダウンが猶予期間 45秒より長くかかった',
    );
    const late = EVERY_FINDING.find((f) => f.code === 'past-deadline')!;
    expect(findingWords(late, JA, 'ja')).toBe(
      'Pod は期限の1分30秒後に削除された: ファイナライザー example.com/x が Pod を保持していた',
    );
    expect(findingWords(EVERY_FINDING.at(-2)!, JA, 'ja')).toBe(
      'ダッシュボードが監視していなかった: 削除、コンテナの停止は観測されていない',
    );
  });
});

describe('formatClock', () => {
  it('shows the time of day to the millisecond, in 24 hours', () => {
    const ms = new Date(2026, 10, 28, 0, 5, 30, 7).getTime();
    expect(formatClock(ms)).toBe('00:05:30.007');
    expect(formatClock(ms + 15 * 3_600_000, 'ja')).toBe('15:05:30.007');
  });
});
