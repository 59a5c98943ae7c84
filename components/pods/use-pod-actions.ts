'use client';

import { useCallback, useMemo, useState } from 'react';

import type { PodRow } from '@/lib/client/pod-rows';
import type { PodView } from '@/lib/domain/views';

import type { RowActions } from './pod-row';
import type { RowSelection } from './pods-table';

/** The Pods view's action state: the selected pods, the pod being evicted, the bulk dialog. */
export function usePodActions(cluster: string, rows: readonly PodRow[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [evicting, setEvicting] = useState<PodView | null>(null);
  const [bulk, setBulk] = useState<readonly PodView[] | null>(null);
  const onToggle = useCallback((uid: string, isSelected: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (isSelected) next.add(uid);
      else next.delete(uid);
      return next;
    });
  }, []);
  const actions: RowActions = useMemo(
    () => ({ cluster, onToggle, onEvict: setEvicting }),
    [cluster, onToggle],
  );
  const selection: RowSelection = useMemo(
    () => ({
      selected,
      onToggleAll: (isSelected: boolean) =>
        setSelected(isSelected ? new Set(rows.map((r) => r.pod.uid)) : new Set()),
    }),
    [selected, rows],
  );
  // Only pods still shown can be evicted together: a pod that went away is dropped.
  const selectedPods = useMemo(
    () => rows.filter((r) => selected.has(r.pod.uid)).map((r) => r.pod),
    [rows, selected],
  );
  return {
    actions,
    selection,
    selectedPods,
    evicting,
    closeEvict: useCallback(() => setEvicting(null), []),
    bulk,
    openBulk: useCallback(() => setBulk(selectedPods), [selectedPods]),
    closeBulk: useCallback(() => {
      setBulk(null);
      setSelected(new Set());
    }, []),
    clearSelection: useCallback(() => setSelected(new Set()), []),
  };
}
