'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

import { useDrainPlan } from '@/lib/client/drains-api';
import { planTitle } from '@/lib/client/drain-words';
import { drainRequest, type DrainForm } from '@/lib/client/drain-request';
import { timeOf } from '@/lib/client/format-time';
import type { DrainPlan, DrainRequestInput } from '@/lib/domain/drains';

import { Age } from '../ui/age';
import { Notice } from '../ui/notice';
import { StatusBadge } from '../ui/status-badge';
import { PlanBudgets } from './plan-budgets';
import { PlanPodsTable } from './plan-pods-table';
import { StartDrain } from './start-drain';

/** The id of the plan's heading, which "Plan drain" brings into view. */
export const PLAN_HEADING_ID = 'drain-plan-heading';

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <h3 className="font-semibold">{title}</h3>
      {children}
    </div>
  );
}

function KubectlSays({ plan }: { plan: DrainPlan }) {
  const t = useTranslations('Drains.plan');
  if (plan.errors.length === 0 && plan.warning === null) return null;
  return (
    <Notice
      tone={plan.errors.length > 0 ? 'failed' : 'waiting'}
      title={plan.errors.length > 0 ? t('refuses') : t('warns')}
    >
      <ul className="space-y-0.5 font-mono text-xs">
        {plan.errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
        {plan.warning === null ? null : <li>{plan.warning}</li>}
      </ul>
    </Notice>
  );
}

function PlanBody({
  cluster,
  plan,
  request,
  isRefreshing,
}: {
  cluster: string;
  plan: DrainPlan;
  request: DrainRequestInput;
  isRefreshing: boolean;
}) {
  const t = useTranslations('Drains.plan');
  const evicted = plan.pods.filter((p) => p.action === 'evict').length;
  const waves = new Map(plan.pods.map((p) => [`${p.namespace}/${p.name}`, p.wave]));
  return (
    <div className="space-y-4">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {plan.nodes.map((n) => (
          <StatusBadge
            key={n.name}
            tone={n.isCordoned ? 'inactive' : n.isReady ? 'healthy' : 'failed'}
            label={n.name}
            detail={n.isCordoned ? t('cordoned') : n.isReady ? t('ready') : t('notReady')}
          />
        ))}
        <span>
          {t('evicted', { evicted, total: plan.pods.length })}{' '}
          <Age since={timeOf(plan.plannedAt)} />
          {t('ago')}
          {isRefreshing ? t('planningAgain') : ''}
        </span>
      </p>
      <KubectlSays plan={plan} />
      {plan.pods.length === 0 ? (
        <p className="text-sm">{t('noPods')}</p>
      ) : (
        <PlanPodsTable cluster={cluster} pods={plan.pods} />
      )}
      <Part title={t('budgets')}>
        <PlanBudgets budgets={plan.budgets} waves={waves} />
      </Part>
      {plan.problems.length === 0 ? null : (
        <Part title={t('problems')}>
          <ul aria-label={t('problems')} className="list-disc space-y-0.5 pl-5 text-sm">
            {plan.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Part>
      )}
      <StartDrain cluster={cluster} plan={plan} request={request} />
    </div>
  );
}

function PlanFor({ cluster, request }: { cluster: string; request: DrainRequestInput }) {
  const t = useTranslations('Drains.plan');
  const plan = useDrainPlan(cluster, request);
  if (plan.isPending) return <Notice tone="progress" title={t('planning')} />;
  if (plan.isError) {
    return (
      <Notice tone="failed" title={t('failed')}>
        {plan.error.message}. {t('failedHint')}
      </Notice>
    );
  }
  return (
    <PlanBody cluster={cluster} plan={plan.data} request={request} isRefreshing={plan.isFetching} />
  );
}

/**
 * What `kubectl drain` would do with the selected nodes, and what the cluster says about each
 * eviction (dry runs): nothing changes until Start drain.
 */
export function DrainPlanPanel({ cluster, form }: { cluster: string; form: DrainForm }) {
  const t = useTranslations('Drains.plan');
  const tw = useTranslations('DrainWords');
  const read = drainRequest(form);
  return (
    <section aria-labelledby={PLAN_HEADING_ID} className="space-y-3">
      <h2 id={PLAN_HEADING_ID} tabIndex={-1} className="text-lg font-semibold">
        {planTitle(form.nodes, tw)}
      </h2>
      {read.ok ? (
        <PlanFor cluster={cluster} request={read.request} />
      ) : (
        <Notice tone="failed" title={t('fixOptions')}>
          <ul className="list-disc pl-5">
            {read.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}
    </section>
  );
}
