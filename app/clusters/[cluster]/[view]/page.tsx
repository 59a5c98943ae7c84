import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';

import { BudgetsView } from '@/components/budgets/budgets-view';
import { NodesView } from '@/components/nodes/nodes-view';
import { OverviewView } from '@/components/overview/overview-view';
import { PodsView } from '@/components/pods/pods-view';
import { RetriesView } from '@/components/retries/retries-view';
import { TimelinesView } from '@/components/timelines/timelines-view';
import { decodeParam, findView, type ViewSlug } from '@/components/shell/views';
import { ComingLater } from '@/components/ui/coming-later';
import { Notice } from '@/components/ui/notice';

type Params = Promise<{ cluster: string; view: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster, view } = await params;
  const found = findView(view);
  return { title: found ? `${found.label} · ${decodeParam(cluster)} · Drainboard` : 'Drainboard' };
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
      return <ComingLater />;
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
  return (
    <section aria-labelledby="view-heading" className="space-y-4">
      <h1 id="view-heading" className="text-2xl font-semibold tracking-tight">
        {found.label}
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">{found.summary}</p>
      {/* The views read their filters from the URL's search params, known only at request time. */}
      <Suspense fallback={<Notice tone="inactive" title="Loading the view…" />}>
        <ViewContent slug={found.slug} cluster={decodeParam(cluster)} />
      </Suspense>
    </section>
  );
}
