'use client';

import { useTranslations } from 'next-intl';

import type { TimelineQuery } from '@/lib/client/timeline-rows';

const field =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';

function Choice({
  id,
  label,
  all,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  all: string;
  value: string | null;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  const t = useTranslations('Timelines');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        className={field}
      >
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {value === null || options.includes(value) ? null : (
          <option value={value}>{t('filters.noTimeline', { value })}</option>
        )}
      </select>
    </div>
  );
}

/** The Timelines view's filters (besides the shell's namespace); every change goes to the URL. */
export function TimelineFilters({
  query,
  nodes,
  owners,
  onChange,
}: {
  query: TimelineQuery;
  nodes: readonly string[];
  owners: readonly string[];
  onChange: (patch: Record<string, string | null>) => void;
}) {
  const t = useTranslations('Timelines');
  const hasFilters = query.node !== null || query.owner !== null || query.inProgressOnly;
  return (
    <div className="flex flex-wrap items-end gap-4">
      <Choice
        id="timeline-node"
        label={t('filters.node')}
        all={t('filters.allNodes')}
        value={query.node}
        options={nodes}
        onChange={(node) => onChange({ node })}
      />
      <Choice
        id="timeline-owner"
        label={t('filters.owner')}
        all={t('filters.allOwners')}
        value={query.owner}
        options={owners}
        onChange={(owner) => onChange({ owner })}
      />
      <label className="flex items-center gap-2 pb-1 text-sm">
        <input
          type="checkbox"
          checked={query.inProgressOnly}
          onChange={(e) => onChange({ inProgress: e.target.checked ? '1' : null })}
        />
        {t('filters.inProgress')}
      </label>
      {hasFilters ? (
        <button
          type="button"
          onClick={() => onChange({ node: null, owner: null, inProgress: null })}
          className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('filters.clear')}
        </button>
      ) : null}
    </div>
  );
}
