'use client';

import { useCallback } from 'react';

import { useCordon } from '@/lib/client/drains-api';

import type { CordonOutcome } from './cordon-result';

/**
 * Cordon or Uncordon one node: the action (stable), the outcome of the last one in words,
 * and the node it is busy with.
 */
export function useCordonAction(cluster: string) {
  const mutation = useCordon(cluster);
  const { mutate } = mutation;
  const onCordon = useCallback(
    (node: string, isCordon: boolean) => mutate({ node, isCordon }),
    [mutate],
  );
  const input = mutation.variables;
  let outcome: CordonOutcome | null = null;
  if (mutation.data !== undefined) outcome = { ok: true, answer: mutation.data };
  else if (input !== undefined && mutation.error !== null) {
    outcome = { ok: false, ...input, message: mutation.error.message };
  }
  return { onCordon, outcome, busyNode: mutation.isPending ? (input?.node ?? null) : null };
}
