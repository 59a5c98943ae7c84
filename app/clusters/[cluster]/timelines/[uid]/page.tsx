import type { Metadata } from 'next';

import { decodeParam } from '@/components/shell/views';
import { TimelinePage } from '@/components/timelines/timeline-page';

type Params = Promise<{ cluster: string; uid: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster } = await params;
  return { title: `Timeline · ${decodeParam(cluster)} · Drainboard` };
}

/** `/clusters/{cluster}/timelines/{uid}`: one pod's termination timeline, live. */
export default async function TimelineRoute({ params }: { params: Params }) {
  const p = await params;
  return (
    <section aria-label="Timeline" className="space-y-4">
      <TimelinePage cluster={decodeParam(p.cluster)} uid={decodeParam(p.uid)} />
    </section>
  );
}
