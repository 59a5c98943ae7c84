'use client';

import { useTranslations } from 'next-intl';

import { NOT_READY, UNSCHEDULED } from '@/lib/client/pod-status';

/** A pod status's reason as the interface says it: ours translated, Kubernetes' as they are. */
export function useStatusReason(): (reason: string | null) => string | null {
  const t = useTranslations('Pods');
  return (reason) => {
    if (reason === NOT_READY) return t('notReady');
    if (reason === UNSCHEDULED) return t('unscheduled');
    return reason;
  };
}
