'use client';

import { useLocale, useTranslations } from 'next-intl';

import { formatAbsolute } from '@/lib/client/format-time';
import { useNow } from '@/lib/client/use-now';
import { formatDuration } from '@/lib/domain/duration';

/** How long ago `since` (epoch ms) was, ticking; the absolute time is in the tooltip. */
export function Age({ since }: { since: number | null }) {
  const now = useNow();
  const locale = useLocale();
  const t = useTranslations('Time');
  if (since === null) return <span className="text-zinc-500">{t('unknown')}</span>;
  const absolute = formatAbsolute(since, locale);
  return (
    <time dateTime={new Date(since).toISOString()} title={absolute} className="tabular-nums">
      {now === null ? absolute : formatDuration(now - since, locale)}
    </time>
  );
}
