'use client';

import { useLocale, useTranslations } from 'next-intl';

import { formatAbsolute, formatCountdown } from '@/lib/client/format-time';
import { useNow } from '@/lib/client/use-now';

/**
 * Time left until `deadline` (epoch ms), ticking: "in 18 s", then "overdue 3 s". The
 * absolute time is in the tooltip, and shown instead until the clock runs.
 */
export function Countdown({ deadline, className }: { deadline: number; className?: string }) {
  const now = useNow();
  const locale = useLocale();
  const t = useTranslations('Time');
  const absolute = formatAbsolute(deadline, locale);
  const isOverdue = now !== null && now > deadline;
  return (
    <time
      dateTime={new Date(deadline).toISOString()}
      title={absolute}
      className={`tabular-nums ${isOverdue ? 'font-semibold text-state-failed' : ''} ${className ?? ''}`}
    >
      {now === null ? t('at', { time: absolute }) : formatCountdown(deadline, now, locale)}
    </time>
  );
}
