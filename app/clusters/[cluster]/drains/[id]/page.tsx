import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';

import { DrainPage } from '@/components/drains/drain-page';
import { decodeParam } from '@/components/shell/views';

type Params = Promise<{ cluster: string; id: string }>;

async function read(params: Params) {
  const p = await params;
  const id = /^\d{1,15}$/.test(p.id) ? Number(p.id) : null;
  return { cluster: decodeParam(p.cluster), id };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster, id } = await read(params);
  const t = await getTranslations('Drains.page');
  return {
    title: `${t('title', { id: id === null ? '?' : String(id) })} · ${cluster} · Drainboard`,
  };
}

/** `/clusters/{cluster}/drains/{id}`: one drain's progress, live, with Stop drain. */
export default async function DrainRoute({ params }: { params: Params }) {
  const { cluster, id } = await read(params);
  if (id === null) notFound();
  return (
    <section aria-labelledby="drain-heading" className="space-y-4">
      <DrainPage cluster={cluster} id={id} />
    </section>
  );
}
