'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useClusters } from '@/lib/client/clusters';

/** A shell word, single-quoted when it holds anything a shell would read specially. */
const shellWord = (s: string) => (/^[\w./:@-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/**
 * For a cluster with its own kubeconfig file (the embedded one), a ready-to-paste `kubectl`
 * line, so the terminal and the dashboard can be used side by side.
 */
export function KubectlHint({ cluster }: { cluster: string }) {
  const t = useTranslations('KubectlHint');
  const { data } = useClusters();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const path = data?.find((c) => c.name === cluster)?.kubeconfigPath;
  if (path === undefined) return null;
  const command = `kubectl --kubeconfig ${shellWord(path)} get pods -A -o wide`;
  const copy = () =>
    navigator.clipboard.writeText(command).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <section aria-labelledby="kubectl-hint" className="space-y-2">
      <h2 id="kubectl-hint" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-1.5 text-sm break-all dark:border-zinc-800 dark:bg-zinc-900">
          {command}
        </code>
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t('copy')}
        </button>
        <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {copied === 'yes' ? t('copied') : ''}
          {copied === 'failed' ? t('failed') : ''}
        </span>
      </div>
    </section>
  );
}
