'use client';

import { useTranslations } from 'next-intl';

import { useAccess } from '@/lib/client/evictions';
import type { PodAction } from '@/lib/domain/eviction-outcome';
import { ACTION_PERMISSION as PERMISSION } from '@/lib/domain/pod-access';

/** Whether an action may be offered, and if not, why, in words. */
export interface AccessWords {
  readonly isAllowed: boolean;
  /** Why it is not allowed, or that the check could not be made; null when allowed. */
  readonly note: string | null;
}

/**
 * The dashboard user's permission for `action` in the namespace (a SelfSubjectAccessReview on
 * the server). When the check itself fails the action stays offered, and the note says so:
 * the cluster still refuses what is not allowed.
 */
export function useActionAccess(
  cluster: string,
  namespace: string,
  action: PodAction,
): AccessWords {
  const t = useTranslations('Evict.access');
  const access = useAccess(cluster, namespace);
  if (access.isPending) return { isAllowed: true, note: t('checking') };
  if (access.isError) {
    return {
      isAllowed: true,
      note: t('unchecked', { permission: PERMISSION[action], message: access.error.message }),
    };
  }
  const verdict = access.data[action];
  if (verdict.allowed) return { isAllowed: true, note: null };
  const reason = verdict.reason ? ` (${verdict.reason})` : '';
  return {
    isAllowed: false,
    note: t('denied', { permission: PERMISSION[action], namespace, reason }),
  };
}
