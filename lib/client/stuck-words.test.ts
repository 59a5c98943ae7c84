import { describe, expect, it } from 'vitest';

import { PhraseKeySchema, type Phrase, type PhraseKey, type StuckItem } from '@/lib/domain/retries';
import { diagnoseBudget, stuckItems, type BudgetDiagnosis } from '@/lib/domain/stuck';
import {
  ago,
  blocked,
  DIAGNOSIS_CASES,
  input,
  MIN,
  NOW,
  othersOf,
  retryView,
  terminating,
  unready,
  web1,
  web2,
  zeroAllowed,
} from '@/lib/domain/stuck-cases';
import { nodeView, podView } from '@/lib/domain/test-views';

import { diagnosisText, remedyWords, sayPhrase, stuckTitle, type StuckSay } from './stuck-words';
import { japanese } from './test-translators';

const JAPANESE: StuckSay = {
  t: japanese('StuckWords'),
  locale: 'ja',
};

/** Every key of `phrase` and of the phrases in its values. */
function keysOf(phrase: Phrase | undefined): PhraseKey[] {
  if (phrase === undefined) return [];
  const nested = Object.values(phrase.values ?? {}).filter(
    (v): v is Phrase => typeof v === 'object' && 'key' in v,
  );
  return [phrase.key, ...nested.flatMap(keysOf)];
}

const said = new Set<PhraseKey>();

/** The English catalogue says exactly the domain's English words, all of them as phrases. */
function expectSameWords({ diagnoses, fixes }: BudgetDiagnosis) {
  for (const d of diagnoses) {
    expect(d.phrase).toBeDefined();
    expect(diagnosisText(d)).toBe(d.text);
    for (const key of keysOf(d.phrase)) said.add(key);
  }
  for (const r of fixes) {
    expect(r.titlePhrase).toBeDefined();
    expect(r.detailPhrase).toBeDefined();
    expect(remedyWords(r)).toEqual({ title: r.title, detail: r.detail });
    for (const key of [...keysOf(r.titlePhrase), ...keysOf(r.detailPhrase)]) said.add(key);
  }
}

function expectSameItems(items: readonly StuckItem[]) {
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(item.titlePhrase).toBeDefined();
    expect(stuckTitle(item)).toBe(item.title);
    for (const key of keysOf(item.titlePhrase)) said.add(key);
    expectSameWords({ diagnoses: item.diagnoses, fixes: item.remedies });
  }
}

const context = (pods = [web1, web2], budgets = [blocked()]) => ({ pods, budgets, now: NOW });
const web = [web1, web2, unready('web-x2', 12 * MIN)];
const lastAnswer = {
  attemptId: 3,
  time: ago(MIN),
  outcome: 'blocked' as const,
  message: 'Blocked by budget web',
  cause: null,
  clusterCode: 429,
};
const runningContainer = (name: string) => ({ ...web1.containers[0]!, name });

describe('the English catalogue says the domain English words', () => {
  it.each(DIAGNOSIS_CASES)('%s', (_, budget, pods, blockedPods, code) => {
    const budgets = [budget, ...othersOf(code)];
    expectSameWords(diagnoseBudget(budget, context(pods, budgets), blockedPods));
  });

  it.each([
    ['no rule', blocked({ minAvailable: null })],
    ['maxUnavailable 0', blocked({ minAvailable: null, maxUnavailable: 0, desiredHealthy: 3 })],
    ['minAvailable all', blocked({ minAvailable: 3, desiredHealthy: 3, expectedPods: 3 })],
  ])('a never-passable budget with %s, with its fix', (_, budget) => {
    expectSameWords(diagnoseBudget(budget, context([web1, web2, podView('web-3')], [budget])));
  });

  it('the fixes of stale budgets and not-Ready pods', () => {
    const failed = blocked({
      conditions: [{ ...zeroAllowed(ago(MIN)), reason: 'SyncFailed', message: null }],
    });
    expectSameWords(diagnoseBudget(failed, context(web, [failed])));
    const sick = unready('web-1', 20 * MIN);
    const budget = blocked({ currentHealthy: 1 });
    expectSameWords(diagnoseBudget(budget, context([sick, web2], [budget]), [sick]));
    const gone = terminating('web-3', ago(MIN), { containers: [] });
    expectSameWords(diagnoseBudget(budget, context([web1, gone], [budget]), [web1]));
  });

  it('retries, budgets, terminating pods and cordoned nodes', () => {
    const stale = blocked({ generation: 2 });
    const budget = blocked({ conditions: [zeroAllowed(ago(20 * MIN))] });
    const retries = [retryView(7, 'web-1'), retryView(8, 'web-2', { attempts: 1 })];
    expectSameItems(stuckItems(input({ pods: web, budgets: [budget], retries })));
    expectSameItems(stuckItems(input({ pods: web, budgets: [stale], retries })));
    const lost = [retryView(7, 'web-1', { lastAnswer })];
    expectSameItems(stuckItems(input({ retries: lost })));
    expectSameItems(stuckItems(input({ retries: lost, pods: [podView('web-1')] })));
    const cordoned = [nodeView('node-1', { isCordoned: true }), nodeView('node-2')];
    const pods = [web1, unready('web-x2', 12 * MIN, { nodeName: 'node-2' })];
    const api = podView('api-1', { namespace: 'ops', labels: { app: 'api' } });
    const cordonedSince = new Map([['node-1', NOW - 30 * MIN]]);
    expectSameItems(
      stuckItems(input({ pods, budgets: [blocked()], nodes: cordoned, cordonedSince })),
    );
    expectSameItems(stuckItems(input({ pods: [api], nodes: cordoned.slice(0, 1), cordonedSince })));
  });

  it.each([
    ['a running container', {}, [nodeView('node-1')]],
    ['two running containers', { containers: [runningContainer('a'), runningContainer('b')] }],
    ['finalizers', { finalizers: ['example.com/x', 'example.com/y'], containers: [] }],
    ['nothing running and no finalizer', { containers: [] }],
    ['a node that is not Ready', {}, [nodeView('node-1', { isReady: false })]],
    ['a node that is gone', {}, []],
  ])('a pod past its deadline with %s', (_, overrides, nodes = [nodeView('node-1')]) => {
    const pod = terminating('web-1', ago(4 * MIN), overrides);
    expectSameItems(stuckItems(input({ pods: [pod], nodes })));
  });

  it('has said every phrase of the domain', () => {
    expect([...said].sort()).toEqual([...PhraseKeySchema.options].sort());
  });
});

describe('in Japanese', () => {
  it('says titles, diagnoses and remedies with Japanese durations and lists', () => {
    const [item] = stuckItems(
      input({ pods: web, budgets: [blocked()], retries: [retryView(7, 'web-1')] }),
    );
    expect(item).toBeDefined();
    if (item === undefined) return;
    expect(stuckTitle(item, JAPANESE)).toBe(
      'shop/web-1 の Eviction が 12分にわたりリトライ待ち (試行 8 回)',
    );
    expect(item.diagnoses.map((d) => diagnosisText(d, JAPANESE))).toEqual([
      '代替 Pod web-x2 が 12分にわたり Ready にならない',
    ]);
    expect(remedyWords(item.remedies[1]!, JAPANESE).title).toBe('待ってから Pod を直接削除する');
    const list: Phrase = {
      key: 'diagnosis.podsLeft',
      values: { count: 2, pods: { list: ['shop/a', 'shop/b'] } },
    };
    expect(sayPhrase(list, JAPANESE)).toBe('ノードにまだ Pod が 2 個ある: shop/a、shop/b');
  });

  it('keeps the English words of items that carry no phrase', () => {
    const remedy = { code: 'fix' as const, title: 'Do it', detail: 'Now.' };
    expect(remedyWords(remedy, JAPANESE)).toEqual({ title: 'Do it', detail: 'Now.' });
    const diagnosis = { code: 'unknown' as const, text: 'as said', pods: [] };
    expect(diagnosisText(diagnosis, JAPANESE)).toBe('as said');
  });
});
