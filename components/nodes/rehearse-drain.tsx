'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useId, useMemo, useState } from 'react';
import { z } from 'zod';

import type { RehearsalBody } from '@/lib/domain/rehearsals';
import { rehearsalBody, type TimeInputs } from '@/lib/client/rehearsal-times';

import { BUTTON } from '../evict/buttons';
import { viewHref } from '../shell/views';
import { Notice } from '../ui/notice';
import { RehearsalTimes, useRehearsalWorkloads, type SetTime } from './rehearsal-times';

const AnswerSchema = z.object({ cluster: z.string(), kubeconfigPath: z.string() });
const ErrorSchema = z.object({ message: z.string() });

/** Copies the cluster into an embedded one (POST …/rehearsal) with `body`; the copy's name. */
async function rehearse(
  cluster: string,
  body: RehearsalBody,
): Promise<z.infer<typeof AnswerSchema>> {
  const url = `/api/clusters/${encodeURIComponent(cluster)}/rehearsal`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return AnswerSchema.parse(answer);
  const error = ErrorSchema.safeParse(answer);
  throw new Error(error.success ? error.data.message : `POST ${url} answered ${res.status}`);
}

/**
 * The times per workload, typed in a disclosure (`isOpen`), and the body they make of the
 * workloads listed now; until they are listed, of every time typed.
 */
function useTimes(cluster: string, isOpen: boolean) {
  const [inputs, setInputs] = useState<TimeInputs>({});
  const onChange = useCallback<SetTime>(
    (key, field, text) => setInputs((old) => ({ ...old, [key]: { ...old[key], [field]: text } })),
    [],
  );
  const clear = useCallback(() => setInputs({}), []);
  const typed = Object.keys(inputs).length > 0;
  const workloads = useRehearsalWorkloads(cluster, isOpen || typed);
  const { body, invalid } = useMemo(() => {
    const keys = workloads === null ? Object.keys(inputs) : workloads.map((w) => w.key);
    return rehearsalBody(inputs, new Set(keys));
  }, [inputs, workloads]);
  return { inputs, onChange, clear, typed, workloads, body, invalid };
}

/** What the request will carry: its body, or that every time is inferred. */
function SentBody({ body }: { body: RehearsalBody }) {
  const t = useTranslations('Rehearsal');
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">{t('sent')}</h3>
      {body.timings === undefined ? (
        <p className="text-sm">{t('sentNothing')}</p>
      ) : (
        <pre className="max-h-64 overflow-auto rounded-md bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">
          {JSON.stringify(body, null, 2)}
        </pre>
      )}
    </div>
  );
}

/**
 * "Rehearse a drain": copies this cluster, read-only (nodes, workloads, Services, budgets;
 * never Secrets or ConfigMaps), into an embedded cluster where a drain can be tried first;
 * optionally with start, readiness and shutdown times per workload.
 */
export function RehearseDrain({ cluster }: { cluster: string }) {
  const t = useTranslations('Rehearsal');
  const format = useFormatter();
  const invalidId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const { inputs, onChange, clear, typed, workloads, body, invalid } = useTimes(cluster, isOpen);
  const copy = useMutation({ mutationFn: (b: RehearsalBody) => rehearse(cluster, b) });
  const given = Object.keys(body.timings ?? {}).length;
  return (
    <section aria-labelledby="rehearsal-heading" className="space-y-2">
      <h2 id="rehearsal-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="max-w-3xl text-sm">{t('explain')}</p>
      <details
        open={isOpen}
        onToggle={(e) => setIsOpen(e.currentTarget.open)}
        className="space-y-2"
      >
        <summary className="cursor-pointer text-sm font-semibold">
          {t('timesSummary')}
          {given > 0 ? (
            <span className="ml-2 font-normal">{t('timesSet', { count: given })}</span>
          ) : null}
        </summary>
        {isOpen ? (
          <div className="space-y-3 pt-2">
            <p className="max-w-3xl text-sm">{t('timesExplain')}</p>
            <RehearsalTimes workloads={workloads} inputs={inputs} onChange={onChange} />
            <button type="button" className={BUTTON} disabled={!typed} onClick={clear}>
              {t('clear')}
            </button>
            <SentBody body={body} />
          </div>
        ) : null}
      </details>
      {invalid.length > 0 ? (
        <p id={invalidId} className="text-state-failed text-sm">
          {t('invalid', {
            workloads: format.list(invalid, { type: 'conjunction' }),
          })}
        </p>
      ) : null}
      <button
        type="button"
        className={BUTTON}
        disabled={copy.isPending || invalid.length > 0}
        aria-describedby={invalid.length > 0 ? invalidId : undefined}
        onClick={() => copy.mutate(body)}
      >
        {copy.isPending ? t('copying') : t('button')}
      </button>
      <div aria-live="polite">
        {copy.data ? (
          <p className="text-sm">
            {t('ready', { cluster: copy.data.cluster })}{' '}
            <Link
              href={viewHref(copy.data.cluster, 'nodes')}
              className="text-blue-700 hover:underline dark:text-blue-400"
            >
              {t('open')}
            </Link>
          </p>
        ) : null}
      </div>
      {copy.error ? <Notice tone="failed" title={copy.error.message} /> : null}
    </section>
  );
}
