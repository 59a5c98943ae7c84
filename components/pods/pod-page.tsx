'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo, useState, type ReactNode } from 'react';

import { forecastText } from '@/lib/client/budget-words';
import { evictionContext } from '@/lib/client/evictions-context';
import type { LiveState } from '@/lib/client/live-state';
import { timelineOfPod } from '@/lib/client/timeline-rows';
import { timelineHref } from '@/lib/client/timelines-api';
import { podStatus } from '@/lib/client/pod-status';
import { useNow } from '@/lib/client/use-now';
import type { PodView } from '@/lib/domain/views';

import { useActionAccess } from '../evict/access-note';
import { LintList, PodBudgets } from '../evict/budget-facts';
import { BUTTON_PRIMARY } from '../evict/buttons';
import { EvictDialog } from '../evict/evict-dialog';
import { LiveView } from '../live/live-view';
import { Notice } from '../ui/notice';
import { ConditionList, ContainerTable } from './pod-details';
import { PodAttempts } from './pod-attempts';
import { PodStatusBadge } from './pod-status-badge';

/** A titled part of the page; `name` makes its heading's id, whatever the language. */
function Section({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  const id = `pod-${name}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function findPod(state: LiveState, namespace: string, name: string): PodView | null {
  for (const pod of state.pods.values()) {
    if (pod.namespace === namespace && pod.name === name) return pod;
  }
  return null;
}

/** "Timeline", when the live state has one for the pod (by UID, else its newest by name). */
function TimelineLink({
  cluster,
  state,
  pod,
}: {
  cluster: string;
  state: LiveState;
  pod: { uid?: string; namespace: string; name: string };
}) {
  const t = useTranslations('Pod');
  const timeline = timelineOfPod(state.timelines, pod);
  if (timeline === null) return null;
  return (
    <Link
      href={timelineHref(cluster, timeline.uid)}
      className="text-sm text-blue-700 hover:underline dark:text-blue-400"
    >
      {t('timeline')}
    </Link>
  );
}

function PodFacts({ cluster, state, pod }: { cluster: string; state: LiveState; pod: PodView }) {
  const t = useTranslations('Pod');
  const forecastT = useTranslations('ForecastWords');
  const [isEvicting, setIsEvicting] = useState(false);
  const now = useNow() ?? 0;
  const context = useMemo(() => evictionContext(state, pod, now), [state, pod, now]);
  const access = useActionAccess(cluster, pod.namespace, 'evict');
  const status = podStatus(pod);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <PodStatusBadge status={status} />
        <span className="text-sm">
          {pod.owner === null ? t('noController') : `${pod.owner.kind}/${pod.owner.name}`}
          {' · '}
          {pod.nodeName === null ? t('unscheduled') : t('onNode', { node: pod.nodeName })}
          {' · '}
          {t('phase', { phase: pod.phase })}
        </span>
        <button
          type="button"
          className={BUTTON_PRIMARY}
          disabled={!access.isAllowed}
          onClick={() => setIsEvicting(true)}
        >
          {t('evict')}
        </button>
        {access.note === null ? null : <p className="text-sm">{access.note}</p>}
        <TimelineLink cluster={cluster} state={state} pod={pod} />
      </div>
      {isEvicting ? (
        <EvictDialog cluster={cluster} pod={pod} onClose={() => setIsEvicting(false)} />
      ) : null}
      <Section name="budgets" title={t('sections.budgets')}>
        <PodBudgets budgets={context.budgets} />
        <p className="text-sm">{forecastText(context.forecast, forecastT)}</p>
        <LintList lints={context.lints} />
      </Section>
      <Section name="containers" title={t('sections.containers')}>
        <ContainerTable pod={pod} />
      </Section>
      <Section name="conditions" title={t('sections.conditions')}>
        <ConditionList pod={pod} />
      </Section>
    </div>
  );
}

/** One pod: its state, containers, conditions, budgets, Evict, and its recorded attempts. */
export function PodPage({
  cluster,
  namespace,
  name,
}: {
  cluster: string;
  namespace: string;
  name: string;
}) {
  const t = useTranslations('Pod');
  return (
    <div className="space-y-6">
      <LiveView cluster={cluster}>
        {(state) => {
          const pod = findPod(state, namespace, name);
          return pod === null ? (
            <div className="space-y-2">
              <Notice tone="inactive" title={t('gone')}>
                {t('goneBody')}
              </Notice>
              <TimelineLink cluster={cluster} state={state} pod={{ namespace, name }} />
            </div>
          ) : (
            <PodFacts cluster={cluster} state={state} pod={pod} />
          );
        }}
      </LiveView>
      <Section name="attempts" title={t('sections.attempts')}>
        <PodAttempts cluster={cluster} namespace={namespace} pod={name} />
      </Section>
    </div>
  );
}
