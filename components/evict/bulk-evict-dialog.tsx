'use client';

import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';

import { accessQuery, invalidatePod, postEviction } from '@/lib/client/evictions';
import { evictEach, bulkSummary, type BulkItem } from '@/lib/client/evictions-bulk';
import type { PodTarget } from '@/lib/client/evictions-request';
import type { EvictionRequest } from '@/lib/domain/eviction-outcome';
import type { PodView } from '@/lib/domain/views';

import { EvictForm } from './evict-form';
import { BulkPodList } from './bulk-pod-list';
import { ModalDialog } from './modal-dialog';

/** Namespaces where the access check said evicting is not allowed. */
function useDeniedNamespaces(cluster: string, pods: readonly PodView[]): ReadonlySet<string> {
  const namespaces = [...new Set(pods.map((p) => p.namespace))];
  const results = useQueries({ queries: namespaces.map((ns) => accessQuery(cluster, ns)) });
  return new Set(namespaces.filter((_, i) => results[i]?.data?.evict.allowed === false));
}

/**
 * Evicts several pods: each gets its own request and its own outcome, shown beside it, so
 * that a budget refusing some never stops the others (never all-or-nothing).
 */
export function BulkEvictDialog({
  cluster,
  pods,
  onClose,
}: {
  cluster: string;
  pods: readonly PodView[];
  onClose: () => void;
}) {
  const t = useTranslations('BulkEvict');
  const evictT = useTranslations('EvictWords');
  const client = useQueryClient();
  const denied = useDeniedNamespaces(cluster, pods);
  const [items, setItems] = useState<ReadonlyMap<string, BulkItem>>(new Map());
  const [isSending, setIsSending] = useState(false);
  const targets: PodTarget[] = useMemo(
    () => pods.map((p) => ({ cluster, namespace: p.namespace, pod: p.name, uid: p.uid })),
    [cluster, pods],
  );
  const record = (uid: string, item: BulkItem) =>
    setItems((current) => new Map(current).set(uid, item));
  const send = async (body: EvictionRequest) => {
    setIsSending(true);
    const allowed = targets.filter((target) => !denied.has(target.namespace));
    for (const target of targets.filter((each) => denied.has(each.namespace))) {
      const message = t('notSent', { namespace: target.namespace });
      record(target.uid, { state: 'skipped', message });
    }
    await evictEach(
      allowed,
      (target) => postEviction(target, { ...body, uid: target.uid }),
      record,
    );
    await Promise.all(targets.map((target) => invalidatePod(client, target)));
    setIsSending(false);
  };
  const label = t('title', { count: pods.length });
  // One run per dialog: sending again would evict the replacements' siblings by surprise.
  const isSent = items.size > 0;
  return (
    <ModalDialog title={label} onClose={onClose}>
      <p className="text-sm">{t('intro')}</p>
      <BulkPodList cluster={cluster} pods={pods} items={items} />
      <EvictForm
        uid={pods[0]?.uid ?? 'none'}
        target={null}
        submitLabel={label}
        isAllowed={!isSent && denied.size < new Set(pods.map((p) => p.namespace)).size}
        note={
          isSent
            ? t('sent')
            : denied.size === 0
              ? null
              : t('notAllowed', { namespaces: [...denied].join(t('separator')) })
        }
        isSending={isSending}
        onSubmit={(body) => void send(body)}
      />
      {items.size > 0 && !isSending ? (
        <p role="status" className="text-sm font-medium">
          {t('done', { summary: bulkSummary(items.values(), evictT) })}
        </p>
      ) : null}
    </ModalDialog>
  );
}
