import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { viewHref } from '@/components/shell/views';
import { processClusterRegistry } from '@/lib/server/k8s/summaries';

export const dynamic = 'force-dynamic';

/** `/` opens the Overview of the default cluster (the kubeconfig's current context, or demo). */
export default async function Home() {
  const cluster = processClusterRegistry().defaultCluster();
  if (cluster !== undefined) redirect(viewHref(cluster, 'overview'));
  const t = await getTranslations('Home');
  return (
    <main className="mx-auto max-w-2xl space-y-4 p-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p>{t.rich('body', { code: (chunks) => <code>{chunks}</code> })}</p>
    </main>
  );
}
