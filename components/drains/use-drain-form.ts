'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';

import { drainKeys } from '@/lib/client/drains-api';
import {
  drainFormPatch,
  drainRequest,
  readDrainForm,
  toggleNode,
  type DrainForm,
} from '@/lib/client/drain-request';
import { useReplaceParams } from '@/lib/client/use-replace-params';

import { PLAN_HEADING_ID } from './drain-plan';

/**
 * The selection and options of the drain form. The URL holds them; a copy in state answers a
 * click at once (the URL reaches useSearchParams a render later) and follows the URL after.
 * "Plan drain" plans again.
 */
export function useDrainForm(cluster: string) {
  const params = useSearchParams();
  const fromUrl = useMemo(() => readDrainForm(params), [params]);
  const [seen, setSeen] = useState(fromUrl);
  const [form, setForm] = useState(fromUrl);
  if (seen !== fromUrl) {
    setSeen(fromUrl);
    setForm(fromUrl);
  }
  const replace = useReplaceParams();
  const client = useQueryClient();
  const onChange = useCallback(
    (change: Partial<DrainForm>) => {
      setForm((current) => ({ ...current, ...change }));
      replace(drainFormPatch(change));
    },
    [replace],
  );
  const nodes = form.nodes;
  const onToggle = useCallback(
    (node: string) => onChange({ nodes: toggleNode(nodes, node) }),
    [onChange, nodes],
  );
  const onPlan = () => {
    const read = drainRequest(form);
    if (read.ok) void client.invalidateQueries({ queryKey: drainKeys.plan(cluster, read.request) });
    document.getElementById(PLAN_HEADING_ID)?.focus();
  };
  return { form, onChange, onToggle, onPlan };
}
