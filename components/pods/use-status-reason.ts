'use client';

import { useTranslations } from 'next-intl';

import type { PodStatus } from '@/lib/client/pod-status';

/** A pod status's reason as the interface says it: ours translated, Kubernetes' as they are. */
export function useStatusReason(): (status: PodStatus) => string | null {
  const t = useTranslations('Pods');
  return ({ reason, ownReason }) => {
    switch (ownReason) {
      case 'not-ready':
        return t('notReady');
      case 'unscheduled':
        return t('unscheduled');
      case null:
        return reason;
    }
  };
}
