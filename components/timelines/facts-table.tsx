import { stepsOfDetail, STEP_WORDS } from '@/lib/client/timeline-chart';
import { factWords } from '@/lib/client/timeline-fact-words';
import { FINDING_STATUS, formatClock, SOURCE_WORDS } from '@/lib/client/timeline-words';
import { timeOf } from '@/lib/client/format-time';
import type { FindingCode } from '@/lib/domain/timeline-findings';
import type { TimelineDetail } from '@/lib/domain/timeline-summary';
import type { TimelineFact } from '@/lib/domain/timelines';

import { CELL, FramedTable, NONE, ROW } from '../ui/framed-table';

/** The columns, in order (e2e/pages/timelines.ts reads cells by this order). */
export const FACT_COLUMNS = ['Time', 'Step', 'Fact', 'Source'] as const;

function TimeCell({ fact }: { fact: TimelineFact }) {
  const ms = fact.source === 'not-observed' ? null : timeOf(fact.time);
  if (ms === null) return <span className={NONE}>not observed</span>;
  return (
    <time
      dateTime={new Date(ms).toISOString()}
      title={fact.time ?? undefined}
      className="font-mono tabular-nums"
    >
      {formatClock(ms)}
    </time>
  );
}

/** The step words of a fact: "1 · Deletion timestamp set; 2 · Kubelet starts graceful shutdown". */
function stepText(n: number, words: string, fact: TimelineFact): string {
  const own = `${n} · ${words}`;
  return fact.kind === 'deletion-started' && n === 1 ? `${own}; 2 · ${STEP_WORDS[2] ?? ''}` : own;
}

/** Every fact in order of time: when (ms precision), which of the six steps, what, and whence. */
export function FactsTable({
  detail,
  label = 'Facts',
}: {
  detail: TimelineDetail;
  label?: string;
}) {
  const steps = stepsOfDetail(detail);
  const flagged = new Map<number, FindingCode[]>();
  for (const f of detail.findings) {
    if (f.code === 'not-observed') continue;
    for (const i of f.facts) flagged.set(i, [...(flagged.get(i) ?? []), f.code]);
  }
  return (
    <FramedTable label={label} columns={FACT_COLUMNS}>
      {detail.facts.map((fact, index) => {
        const step = steps.get(index);
        const codes = flagged.get(index) ?? [];
        return (
          <tr key={index} className={`${ROW} ${codes.length > 0 ? 'bg-state-failed/5' : ''}`}>
            <td className={`${CELL} whitespace-nowrap`}>
              <TimeCell fact={fact} />
            </td>
            <td className={CELL}>{step ? stepText(step.n, step.words, fact) : ''}</td>
            <th scope="row" className={`${CELL} text-left font-normal`}>
              {factWords(fact)}
              {codes.length > 0 ? (
                <span className="font-semibold text-state-failed">
                  {' '}
                  <span aria-hidden="true">⚑</span> finding:{' '}
                  {codes.map((c) => FINDING_STATUS[c].label).join(', ')}
                </span>
              ) : null}
            </th>
            <td className={CELL}>{SOURCE_WORDS[fact.source]}</td>
          </tr>
        );
      })}
    </FramedTable>
  );
}
