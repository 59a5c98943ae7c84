import { useLocale, useTranslations } from 'next-intl';

import { stepsOfDetail, stepWords, type Step } from '@/lib/client/timeline-chart';
import { factWords } from '@/lib/client/timeline-fact-words';
import {
  findingStatus,
  formatClock,
  sourceWords,
  type TimelineT,
} from '@/lib/client/timeline-words';
import { timeOf } from '@/lib/client/format-time';
import type { FindingCode } from '@/lib/domain/timeline-findings';
import type { TimelineDetail } from '@/lib/domain/timeline-summary';
import type { TimelineFact } from '@/lib/domain/timelines';

import { CELL, FramedTable, NONE, ROW } from '../ui/framed-table';

/** The columns, in order (e2e/pages/timelines.ts reads cells by this order). */
export const FACT_COLUMNS = ['Time', 'Step', 'Fact', 'Source'] as const;

function TimeCell({ fact }: { fact: TimelineFact }) {
  const t = useTranslations('Timelines');
  const locale = useLocale();
  const ms = fact.source === 'not-observed' ? null : timeOf(fact.time);
  if (ms === null) return <span className={NONE}>{t('notObserved')}</span>;
  return (
    <time
      dateTime={new Date(ms).toISOString()}
      title={fact.time ?? undefined}
      className="font-mono tabular-nums"
    >
      {formatClock(ms, locale)}
    </time>
  );
}

type ViewT = ReturnType<typeof useTranslations<'Timelines'>>;

/** The step words of a fact: "1 · Deletion timestamp set; 2 · Kubelet starts graceful shutdown". */
function stepText(step: Step, fact: TimelineFact, t: ViewT, words: TimelineT): string {
  const text = (s: Step) => t('step', { n: String(s.n), words: stepWords(s, words) });
  const own = text(step);
  return fact.kind === 'deletion-started' && step.n === 1
    ? t('twoSteps', { first: own, second: text({ n: 2, isStopped: false }) })
    : own;
}

/** Every fact in order of time: when (ms precision), which of the six steps, what, and whence. */
export function FactsTable({ detail, label }: { detail: TimelineDetail; label?: string }) {
  const t = useTranslations('Timelines');
  const words = useTranslations('TimelineWords');
  const locale = useLocale();
  const steps = stepsOfDetail(detail);
  const flagged = new Map<number, FindingCode[]>();
  for (const f of detail.findings) {
    if (f.code === 'not-observed') continue;
    for (const i of f.facts) flagged.set(i, [...(flagged.get(i) ?? []), f.code]);
  }
  return (
    <FramedTable
      label={label ?? t('facts')}
      columns={FACT_COLUMNS.map((c) => t(`factColumns.${c}`))}
    >
      {detail.facts.map((fact, index) => {
        const step = steps.get(index);
        const codes = flagged.get(index) ?? [];
        return (
          <tr key={index} className={`${ROW} ${codes.length > 0 ? 'bg-state-failed/5' : ''}`}>
            <td className={`${CELL} whitespace-nowrap`}>
              <TimeCell fact={fact} />
            </td>
            <td className={CELL}>{step ? stepText(step, fact, t, words) : ''}</td>
            <th scope="row" className={`${CELL} text-left font-normal`}>
              {factWords(fact, words, locale)}
              {codes.length > 0 ? (
                <span className="font-semibold text-state-failed">
                  {' '}
                  <span aria-hidden="true">⚑</span> {t('flagged')}{' '}
                  {codes.map((c) => findingStatus(c, words).label).join(', ')}
                </span>
              ) : null}
            </th>
            <td className={CELL}>{sourceWords(fact.source, words)}</td>
          </tr>
        );
      })}
    </FramedTable>
  );
}
