'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';

import { drainHref, DrainRefusedError, useStartDrain } from '@/lib/client/drains-api';
import { startBlockedReason } from '@/lib/client/drain-words';
import type { DrainPlan, DrainRequestInput } from '@/lib/domain/drains';

import { BUTTON_PRIMARY } from '../evict/buttons';
import { Notice } from '../ui/notice';

/**
 * Start drain: disabled, with the reason beside it, while kubectl drain refuses a pod; behind
 * a confirmation when some pod can never pass its budget. Opens the drain's page once started.
 */
export function StartDrain({
  cluster,
  plan,
  request,
}: {
  cluster: string;
  plan: DrainPlan;
  request: DrainRequestInput;
}) {
  const t = useTranslations('Drains.start');
  const tw = useTranslations('DrainWords');
  const router = useRouter();
  const reasonId = useId();
  const [isConfirmed, setIsConfirmed] = useState(false);
  const start = useStartDrain(cluster);
  const blocked = startBlockedReason(plan, tw);
  const needsConfirm = plan.canStart && !plan.canFinish;
  const isDisabled = blocked !== null || (needsConfirm && !isConfirmed) || start.isPending;
  const onStart = () =>
    start.mutate(request, { onSuccess: (view) => router.push(drainHref(cluster, view.id)) });
  return (
    <div className="space-y-2">
      {needsConfirm ? (
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={isConfirmed}
            onChange={(e) => setIsConfirmed(e.target.checked)}
            className="mt-0.5"
          />
          {t('anyway')}
        </label>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={BUTTON_PRIMARY}
          disabled={isDisabled}
          aria-describedby={reasonId}
          onClick={onStart}
        >
          {start.isPending ? t('starting') : t('start')}
        </button>
        <p id={reasonId} className="text-sm">
          {blocked ?? (needsConfirm && !isConfirmed ? t('confirmFirst') : t('what'))}
        </p>
      </div>
      {start.error === null ? null : (
        <Notice
          tone="failed"
          title={start.error instanceof DrainRefusedError ? t('refused') : t('notStarted')}
        >
          {start.error.message}
        </Notice>
      )}
    </div>
  );
}
