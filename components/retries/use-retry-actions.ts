'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';

import { useRetryAction, type RetryAction } from '@/lib/client/retries-api';
import {
  retryActionWords,
  retryFailureWords,
  type RetryActionWords,
} from '@/lib/client/retries-words';
import type { RetryView } from '@/lib/domain/retries';

import type { PendingActions } from './pending-table';

const refOf = (entry: RetryView) => `${entry.namespace}/${entry.pod}`;

/**
 * The pending table's actions: "Retry now" and "Cancel" (no confirmation: a cancel only stops
 * Drainboard from trying again), and "Delete pod…" handed to `onDelete`. Returns the last
 * action's result in words and the entry it is busy with.
 */
export function useRetryActions(cluster: string, onDelete: (entry: RetryView) => void) {
  const t = useTranslations('RetryWords');
  const mutation = useRetryAction(cluster);
  const { mutate } = mutation;
  const act = useCallback(
    (action: RetryAction) => (entry: RetryView) => mutate({ entry, action }),
    [mutate],
  );
  const actions: PendingActions = useMemo(
    () => ({ cluster, onRetryNow: act('retry-now'), onCancel: act('cancel'), onDelete }),
    [cluster, act, onDelete],
  );
  const input = mutation.variables;
  let result: RetryActionWords | null = null;
  if (input !== undefined && mutation.data !== undefined) {
    result = retryActionWords(input.action, refOf(input.entry), mutation.data, t);
  } else if (input !== undefined && mutation.error !== null) {
    result = retryFailureWords(input.action, refOf(input.entry), mutation.error, t);
  }
  return { actions, result, busyId: mutation.isPending ? (input?.entry.id ?? null) : null };
}
