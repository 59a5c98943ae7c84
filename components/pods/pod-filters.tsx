'use client';

import { useTranslations } from 'next-intl';
import { useState, type ChangeEvent } from 'react';

import { UNSCHEDULED, type PodQuery } from '@/lib/client/pod-query';
import { POD_STATES } from '@/lib/client/pod-status';

const field =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';

interface FiltersProps {
  query: PodQuery;
  nodeNames: readonly string[];
  /** Why the label selector cannot be used, if it cannot. */
  selectorError: string | null;
  onChange: (patch: Record<string, string | null>) => void;
}

function LabelFilter({
  text,
  selectorError,
  onText,
}: {
  text: string;
  selectorError: string | null;
  onText: (text: string) => void;
}) {
  const t = useTranslations('Pods.filters');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="pod-labels" className="text-xs font-medium">
        {t('labels')}
      </label>
      <input
        id="pod-labels"
        type="search"
        value={text}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onText(event.target.value)}
        placeholder="app=web,tier in (frontend)"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={selectorError !== null}
        aria-describedby="pod-labels-help"
        className={`${field} w-72 font-mono`}
      />
      <p
        id="pod-labels-help"
        className={`text-xs ${selectorError === null ? 'text-zinc-600 dark:text-zinc-400' : 'text-state-failed'}`}
      >
        {selectorError === null ? t('labelsHelp') : t('notApplied', { error: selectorError })}
      </p>
    </div>
  );
}

/** The Pods table's filters (besides the shell's namespace); every change goes to the URL. */
export function PodFilters({ query, nodeNames, selectorError, onChange }: FiltersProps) {
  const t = useTranslations('Pods.filters');
  const hasFilters = query.labels !== '' || query.node !== null || query.state !== null;
  // The field keeps its own text (the URL follows), so that typing is never interrupted.
  const [labels, setLabels] = useState(query.labels);
  const onLabels = (text: string) => {
    setLabels(text);
    onChange({ labels: text });
  };
  return (
    <div className="flex flex-wrap items-start gap-4">
      <LabelFilter text={labels} selectorError={selectorError} onText={onLabels} />
      <div className="flex flex-col gap-1">
        <label htmlFor="pod-node" className="text-xs font-medium">
          {t('node')}
        </label>
        <select
          id="pod-node"
          value={query.node ?? ''}
          onChange={(e) => onChange({ node: e.target.value })}
          className={field}
        >
          <option value="">{t('allNodes')}</option>
          {nodeNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {query.node === null ||
          query.node === UNSCHEDULED ||
          nodeNames.includes(query.node) ? null : (
            <option value={query.node}>{t('notObserved', { node: query.node })}</option>
          )}
          <option value={UNSCHEDULED}>{t('unscheduled')}</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="pod-state" className="text-xs font-medium">
          {t('state')}
        </label>
        <select
          id="pod-state"
          value={query.state ?? ''}
          onChange={(e) => onChange({ state: e.target.value })}
          className={field}
        >
          <option value="">{t('allStates')}</option>
          {POD_STATES.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </div>
      {hasFilters ? (
        <button
          type="button"
          onClick={() => {
            setLabels('');
            onChange({ labels: null, node: null, state: null });
          }}
          className="mt-5 rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('clear')}
        </button>
      ) : null}
    </div>
  );
}
