'use client';

import type { PodTarget } from '@/lib/client/evictions-request';

import { DeletePod } from '../evict/delete-pod';
import { ModalDialog } from '../evict/modal-dialog';

/**
 * "Delete pod…" for a pending retry: the docs' last resort when an eviction stays blocked. The
 * same typed-confirmation form as everywhere, in a dialog named "Delete pod {ns}/{pod}".
 */
export function RetryDeleteDialog({ target, onClose }: { target: PodTarget; onClose: () => void }) {
  return (
    <ModalDialog title={`Delete pod ${target.namespace}/${target.pod}`} onClose={onClose}>
      <p className="text-sm">
        Deleting the pod bypasses its PodDisruptionBudget: the budget&apos;s guarantee no longer
        holds. Prefer waiting for the budget, or fixing what keeps its pods unhealthy. Once the pod
        is gone, its retry entry ends.
      </p>
      <DeletePod target={target} />
    </ModalDialog>
  );
}
