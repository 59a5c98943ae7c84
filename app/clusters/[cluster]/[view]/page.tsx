import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ComingLater } from '@/components/ui/coming-later';
import { decodeParam, findView } from '@/components/shell/views';

type Params = Promise<{ cluster: string; view: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster, view } = await params;
  const found = findView(view);
  return { title: found ? `${found.label} · ${decodeParam(cluster)} · Drainboard` : 'Drainboard' };
}

export default async function ViewPage({ params }: { params: Params }) {
  const { view } = await params;
  const found = findView(view);
  if (!found) notFound();
  return (
    <section aria-labelledby="view-heading" className="space-y-4">
      <h1 id="view-heading" className="text-2xl font-semibold tracking-tight">
        {found.label}
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">{found.summary}</p>
      <ComingLater />
    </section>
  );
}
