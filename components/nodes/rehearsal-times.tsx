'use client';

import { useTranslations } from 'next-intl';
import { memo, useDeferredValue, useId, useMemo, useState } from 'react';

import { useLiveCluster } from '@/lib/client/live';
import type { LiveCluster } from '@/lib/client/live-stream';
import { MAX_SECONDS } from '@/lib/domain/rehearsals';
import {
  readSeconds,
  rehearsalWorkloads,
  TIME_FIELDS,
  type RehearsalWorkload,
  type TimeField,
  type TimeInputs,
} from '@/lib/client/rehearsal-times';

import { FIELD } from '../evict/buttons';
import { FramedTable } from '../ui/framed-table';
import { Notice } from '../ui/notice';

/** At most this many rows at once; the others are found by filtering. */
const MAX_ROWS = 200;

const selectOwners = (live: LiveCluster) => live.state?.owners;
const selectPods = (live: LiveCluster) => live.state?.pods;
/** What a component that does not want the model subscribes to: never changes. */
const selectNothing = () => undefined;

/**
 * The workloads a rehearsal of `cluster` copies, from its live model; null while it is read or
 * when not `wanted`.
 */
export function useRehearsalWorkloads(
  cluster: string,
  wanted: boolean,
): RehearsalWorkload[] | null {
  const owners = useLiveCluster(cluster, wanted ? selectOwners : selectNothing);
  const pods = useLiveCluster(cluster, wanted ? selectPods : selectNothing);
  return useMemo(() => (owners && pods ? rehearsalWorkloads(owners, pods) : null), [owners, pods]);
}

/** Sets one field of one workload to the text typed. */
export type SetTime = (key: string, field: TimeField, text: string) => void;

const TimeRow = memo(function TimeRow({
  workload,
  pods,
  fields,
  onChange,
}: {
  workload: string;
  pods: number;
  fields: TimeInputs[string] | undefined;
  onChange: SetTime;
}) {
  const t = useTranslations('Rehearsal');
  return (
    <tr className="border-b border-zinc-200 last:border-0 dark:border-zinc-800">
      <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-normal">
        {workload}
      </th>
      <td className="px-3 py-1.5 tabular-nums">{t('podCount', { count: pods })}</td>
      {TIME_FIELDS.map((field) => {
        const text = fields?.[field] ?? '';
        return (
          <td key={field} className="px-3 py-1.5">
            <input
              type="number"
              min={0}
              max={MAX_SECONDS}
              step={1}
              inputMode="numeric"
              value={text}
              placeholder={t('inferred')}
              aria-label={t(`${field}For`, { workload })}
              aria-invalid={readSeconds(text) === undefined}
              onChange={(e) => onChange(workload, field, e.target.value)}
              className={`${FIELD} w-24`}
            />
          </td>
        );
      })}
    </tr>
  );
});

/**
 * The workloads a rehearsal copies (null while they are read, see
 * {@link useRehearsalWorkloads}), each with three times to set (empty: inferred from its pods'
 * history); at most {@link MAX_ROWS} rows, found by filter.
 */
export function RehearsalTimes({
  workloads,
  inputs,
  onChange,
}: {
  workloads: readonly RehearsalWorkload[] | null;
  inputs: TimeInputs;
  onChange: SetTime;
}) {
  const t = useTranslations('Rehearsal');
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const wanted = useDeferredValue(filter.trim());
  const needle = wanted.toLowerCase();
  if (workloads === null) return <Notice tone="progress" title={t('listing')} />;
  if (workloads.length === 0) return <Notice tone="inactive" title={t('noWorkloads')} />;
  const matching =
    needle === '' ? workloads : workloads.filter((w) => w.key.toLowerCase().includes(needle));
  return (
    <div className="space-y-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={filterId} className="text-xs font-medium">
          {t('filter')}
        </label>
        <input
          id={filterId}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className={`${FIELD} w-72`}
        />
      </div>
      {matching.length > MAX_ROWS ? (
        <p className="text-sm">{t('shown', { shown: MAX_ROWS, total: matching.length })}</p>
      ) : null}
      {matching.length === 0 ? (
        <Notice tone="inactive" title={t('noMatch', { filter: wanted })} />
      ) : (
        <FramedTable
          label={t('caption')}
          columns={[
            t('columns.workload'),
            t('columns.pods'),
            ...TIME_FIELDS.map((field) => t(`columns.${field}`)),
          ]}
        >
          {matching.slice(0, MAX_ROWS).map((w) => (
            <TimeRow
              key={w.key}
              workload={w.key}
              pods={w.pods}
              fields={inputs[w.key]}
              onChange={onChange}
            />
          ))}
        </FramedTable>
      )}
    </div>
  );
}
