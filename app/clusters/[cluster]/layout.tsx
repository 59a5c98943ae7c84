import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { decodeParam } from '@/components/shell/views';

export default async function ClusterLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ cluster: string }>;
}) {
  const { cluster } = await params;
  return <AppShell cluster={decodeParam(cluster)}>{children}</AppShell>;
}
