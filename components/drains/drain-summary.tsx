'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { drainStateWords, leftText } from '@/lib/client/drain-words';
import { timeOf } from '@/lib/client/format-time';
import { compareHref } from '@/lib/client/timelines-api';
import { isDrainOver, type DrainView } from '@/lib/domain/drains';

import { Age } from '../ui/age';
import { Countdown } from '../ui/countdown';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';
import { StopDrain } from './stop-drain';

/** At most this many timelines side by side: a link carries their UIDs. */
const MAX_COMPARED = 50;

export const LINK = 'text-sm text-blue-700 hover:underline dark:text-blue-400';

/** The drain's state, who started it and when, its timeout, Stop drain and its timelines. */
export function Summary({ cluster, drain }: { cluster: string; drain: DrainView }) {
  const t = useTranslations('Drains.summary');
  const tw = useTranslations('DrainWords');
  const state = drainStateWords(drain.state, tw);
  const deadline = timeOf(drain.deadline);
  const isOver = isDrainOver(drain.state);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <StatusBadge tone={state.tone} label={state.label} detail={state.detail} />
      <span>
        {t('started')} <Age since={timeOf(drain.createdAt)} />
        {t('agoBy', { who: drain.who })}
      </span>
      {deadline === null || isOver ? null : (
        <span>
          {t('timeout')} <Countdown deadline={deadline} />
        </span>
      )}
      {isOver ? null : <StopDrain cluster={cluster} id={drain.id} />}
      <Link
        href={compareHref(
          cluster,
          drain.pods.slice(0, MAX_COMPARED).map((p) => p.uid),
        )}
        className={LINK}
      >
        {drain.pods.length > MAX_COMPARED
          ? t('timelinesFirst', { count: MAX_COMPARED })
          : t('timelines')}
      </Link>
    </div>
  );
}

/** Once over: why, and the pods left with their reasons. */
export function Ended({ drain }: { drain: DrainView }) {
  const t = useTranslations('Drains.summary');
  const tw = useTranslations('DrainWords');
  if (!isDrainOver(drain.state)) return null;
  const state = drainStateWords(drain.state, tw);
  return (
    <Notice tone={state.tone} title={drain.reason ?? t('noReason', { state: state.label })}>
      {drain.left.length === 0 ? null : (
        <ul aria-label={t('podsLeft')} className="space-y-0.5">
          {drain.left.map((l) => (
            <li key={`${l.namespace}/${l.name}`}>{leftText(l, tw)}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
