import { redirect } from 'next/navigation';
import { decodeParam, viewHref } from '@/components/shell/views';

export default async function ClusterHome({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  redirect(viewHref(decodeParam(cluster), 'overview'));
}
