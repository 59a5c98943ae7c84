'use client';

import { useTranslations } from 'next-intl';
import { useId, type KeyboardEvent } from 'react';

import type { DrainForm } from '@/lib/client/drain-request';

import { BUTTON, FIELD } from '../evict/buttons';

type Flag = 'ignoreDaemonSets' | 'deleteEmptyDirData' | 'force';
type Text = 'gracePeriod' | 'timeout' | 'podSelector';

// Labels are messages `Drains.options.{field}`, hints `Drains.options.{field}Hint`.
const FLAGS: readonly { field: Flag; flag: string }[] = [
  { field: 'ignoreDaemonSets', flag: '--ignore-daemonsets' },
  { field: 'deleteEmptyDirData', flag: '--delete-emptydir-data' },
  { field: 'force', flag: '--force' },
];

const TEXTS: readonly { field: Text; mono?: boolean }[] = [
  { field: 'gracePeriod' },
  { field: 'timeout' },
  { field: 'podSelector', mono: true },
];

/**
 * A text option, written to the URL when the field is left or Enter is pressed (not on every
 * key: each change plans again, with dry runs). Remounted when the URL changes it.
 */
function TextOption({
  label,
  hint,
  value,
  isMono,
  onCommit,
}: {
  label: string;
  hint: string;
  value: string;
  isMono: boolean;
  onCommit: (value: string) => void;
}) {
  const hintId = useId();
  const inputId = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') onCommit(e.currentTarget.value);
  };
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={inputId}>{label}</label>
      <input
        key={value}
        id={inputId}
        type="text"
        defaultValue={value}
        aria-describedby={hintId}
        onBlur={(e) => onCommit(e.target.value)}
        onKeyDown={onKeyDown}
        className={`${FIELD} ${isMono ? 'font-mono' : ''} w-48`}
      />
      <span id={hintId} className="text-xs text-zinc-600 dark:text-zinc-400">
        {hint}
      </span>
    </div>
  );
}

/** kubectl drain's options for the selected nodes, and "Plan drain". */
export function DrainOptions({
  form,
  onChange,
  onPlan,
}: {
  form: DrainForm;
  onChange: (change: Partial<DrainForm>) => void;
  onPlan: () => void;
}) {
  const t = useTranslations('Drains.options');
  const noneId = useId();
  const baseId = useId();
  const count = form.nodes.length;
  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 px-4 py-3 dark:border-zinc-800">
      <legend className="px-1 text-sm font-semibold">{t('legend')}</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {FLAGS.map(({ field, flag }) => (
          <span key={field} className="flex items-center gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={form[field]}
                aria-describedby={`${baseId}-${field}`}
                onChange={(e) => onChange({ [field]: e.target.checked })}
              />
              {t(field)}
            </label>
            <code id={`${baseId}-${field}`} className="text-xs text-zinc-600 dark:text-zinc-400">
              {flag}
            </code>
          </span>
        ))}
      </div>
      <div className="flex flex-wrap gap-4">
        {TEXTS.map(({ field, mono }) => (
          <TextOption
            key={field}
            label={t(field)}
            hint={t(`${field}Hint`)}
            value={form[field]}
            isMono={mono === true}
            onCommit={(value) => value !== form[field] && onChange({ [field]: value })}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={BUTTON}
          disabled={count === 0}
          aria-describedby={noneId}
          onClick={onPlan}
        >
          {t('plan')}
        </button>
        <span id={noneId} className="text-sm text-zinc-600 dark:text-zinc-400">
          {count === 0 ? t('selectNodes') : t('selected', { count, nodes: form.nodes.join(', ') })}
        </span>
      </div>
    </fieldset>
  );
}
