import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';

import { BudgetsView } from '@/components/budgets/budgets-view';
import { NodesView } from '@/components/nodes/nodes-view';
import { OverviewView } from '@/components/overview/overview-view';
import { PodsView } from '@/components/pods/pods-view';
import { RetriesView } from '@/components/retries/retries-view';
import { TimelinesView } from '@/components/timelines/timelines-view';
import { decodeParam, findView, type ViewSlug } from '@/components/shell/views';
import { Notice } from '@/components/ui/notice';
import { WalkthroughsList } from '@/components/walkthroughs/walkthroughs-list';

type Params = Promise<{ cluster: string; view: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster, view } = await params;
  const found = findView(view);
  if (!found) return { title: 'Drainboard' };
  const t = await getTranslations('Views');
  return { title: `${t(`${found.slug}.label`)} · ${decodeParam(cluster)} · Drainboard` };
}

function ViewContent({ slug, cluster }: { slug: ViewSlug; cluster: string }) {
  switch (slug) {
    case 'overview':
      return <OverviewView cluster={cluster} />;
    case 'pods':
      return <PodsView cluster={cluster} />;
    case 'nodes':
      return <NodesView cluster={cluster} />;
    case 'budgets':
      return <BudgetsView cluster={cluster} />;
    case 'retries':
      return <RetriesView cluster={cluster} />;
    case 'timelines':
      return <TimelinesView cluster={cluster} />;
    case 'walkthroughs':
      return <WalkthroughsList />;
    default: {
      const unknown: never = slug;
      throw new Error(`unknown view ${String(unknown)}`);
    }
  }
}

export default async function ViewPage({ params }: { params: Params }) {
  const { cluster, view } = await params;
  const found = findView(view);
  if (!found) notFound();
  const t = await getTranslations();
  return (
    <section aria-labelledby="view-heading" className="space-y-4">
      <h1 id="view-heading" className="text-2xl font-semibold tracking-tight">
        {t(`Views.${found.slug}.label`)}
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">{t(`Views.${found.slug}.summary`)}</p>
      {/* The views read their filters from the URL's search params, known only at request time. */}
      <Suspense fallback={<Notice tone="inactive" title={t('Shell.loadingView')} />}>
        <ViewContent slug={found.slug} cluster={decodeParam(cluster)} />
      </Suspense>
    </section>
  );
}
