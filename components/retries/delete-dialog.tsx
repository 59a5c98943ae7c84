'use client';

import { useTranslations } from 'next-intl';

import type { PodTarget } from '@/lib/client/evictions-request';

import { DeletePod } from '../evict/delete-pod';
import { ModalDialog } from '../evict/modal-dialog';

/**
 * "Delete pod…" for a pending retry: the docs' last resort when an eviction stays blocked. The
 * same typed-confirmation form as everywhere, in a dialog named "Delete pod {ns}/{pod}".
 */
export function RetryDeleteDialog({ target, onClose }: { target: PodTarget; onClose: () => void }) {
  const t = useTranslations('Retries');
  const ref = `${target.namespace}/${target.pod}`;
  return (
    <ModalDialog title={t('deletePodName', { ref })} onClose={onClose}>
      <p className="text-sm">{t('deleteBody')}</p>
      <DeletePod target={target} />
    </ModalDialog>
  );
}
