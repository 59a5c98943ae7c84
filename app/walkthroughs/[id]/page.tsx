import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { WalkthroughPageById } from '@/components/walkthroughs/walkthrough-by-id';
import { walkthroughById } from '@/lib/domain/walkthroughs';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const w = walkthroughById((await params).id);
  return { title: w ? `${w.title.en} · Walkthroughs · Drainboard` : 'Drainboard' };
}

/** `/walkthroughs/{id}`: one walkthrough, its cluster and its steps. */
export default async function WalkthroughRoutePage({ params }: { params: Params }) {
  const { id } = await params;
  if (walkthroughById(id) === undefined) notFound();
  return <WalkthroughPageById id={id} />;
}
