'use client';

import type { PodStatus } from '@/lib/client/pod-status';

import { StatusBadge } from '../ui/status-badge';
import { useStatusReason } from './use-status-reason';

/** A pod's state as a badge, qualified by its reason in the interface's language. */
export function PodStatusBadge({ status }: { status: PodStatus }) {
  const reason = useStatusReason()(status);
  return <StatusBadge tone={status.tone} label={status.state} detail={reason} />;
}
