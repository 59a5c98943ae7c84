'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { z } from 'zod';

import { BUTTON } from '../evict/buttons';
import { viewHref } from '../shell/views';
import { Notice } from '../ui/notice';

const AnswerSchema = z.object({ cluster: z.string(), kubeconfigPath: z.string() });
const ErrorSchema = z.object({ message: z.string() });

/** Copies the cluster into an embedded one (POST …/rehearsal); the copy's name. */
async function rehearse(cluster: string): Promise<z.infer<typeof AnswerSchema>> {
  const url = `/api/clusters/${encodeURIComponent(cluster)}/rehearsal`;
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return AnswerSchema.parse(body);
  const error = ErrorSchema.safeParse(body);
  throw new Error(error.success ? error.data.message : `POST ${url} answered ${res.status}`);
}

/**
 * "Rehearse a drain": copies this cluster, read-only (nodes, workloads, Services, budgets;
 * never Secrets or ConfigMaps), into an embedded cluster where a drain can be tried first.
 */
export function RehearseDrain({ cluster }: { cluster: string }) {
  const t = useTranslations('Rehearsal');
  const copy = useMutation({ mutationFn: () => rehearse(cluster) });
  return (
    <section aria-labelledby="rehearsal-heading" className="space-y-2">
      <h2 id="rehearsal-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="max-w-3xl text-sm">{t('explain')}</p>
      <button
        type="button"
        className={BUTTON}
        disabled={copy.isPending}
        onClick={() => copy.mutate()}
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
