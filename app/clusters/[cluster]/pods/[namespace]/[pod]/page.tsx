import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { PodPage } from '@/components/pods/pod-page';
import { decodeParam } from '@/components/shell/views';
import { namespaceNameProblem, podNameProblem } from '@/lib/domain/names';

type Params = Promise<{ cluster: string; namespace: string; pod: string }>;

async function names(params: Params) {
  const p = await params;
  return {
    cluster: decodeParam(p.cluster),
    namespace: decodeParam(p.namespace),
    pod: decodeParam(p.pod),
  };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { cluster, namespace, pod } = await names(params);
  return { title: `${namespace}/${pod} · ${cluster} · Drainboard` };
}

/** `/clusters/{cluster}/pods/{namespace}/{pod}`: one pod, with Evict and its attempts. */
export default async function PodRoute({ params }: { params: Params }) {
  const { cluster, namespace, pod } = await names(params);
  if (namespaceNameProblem(namespace) !== null || podNameProblem(pod) !== null) notFound();
  return (
    <section aria-labelledby="pod-heading" className="space-y-4">
      <h1 id="pod-heading" className="font-mono text-2xl font-semibold tracking-tight break-all">
        {namespace}/{pod}
      </h1>
      <PodPage cluster={cluster} namespace={namespace} name={pod} />
    </section>
  );
}
