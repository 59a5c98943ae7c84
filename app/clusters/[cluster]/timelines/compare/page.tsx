import type { Metadata } from 'next';
import { Suspense } from 'react';

import { decodeParam } from '@/components/shell/views';
import { ComparePage } from '@/components/timelines/compare-page';
import { Notice } from '@/components/ui/notice';

type Params = Promise<{ cluster: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster } = await params;
  return { title: `Compare timelines · ${decodeParam(cluster)} · Drainboard` };
}

/** `/clusters/{cluster}/timelines/compare?uids=a,b,c`: several timelines on one time axis. */
export default async function CompareRoute({ params }: { params: Params }) {
  const { cluster } = await params;
  return (
    <section aria-labelledby="compare-heading" className="space-y-4">
      <h1 id="compare-heading" className="text-2xl font-semibold tracking-tight">
        Compare timelines
      </h1>
      {/* The pods come from the URL's search params, known only at request time. */}
      <Suspense fallback={<Notice tone="inactive" title="Loading the timelines…" />}>
        <ComparePage cluster={decodeParam(cluster)} />
      </Suspense>
    </section>
  );
}
