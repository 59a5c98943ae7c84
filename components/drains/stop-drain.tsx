'use client';

import { useState } from 'react';

import { useStopDrain } from '@/lib/client/drains-api';

import { BUTTON, BUTTON_DANGER } from '../evict/buttons';
import { ModalDialog } from '../evict/modal-dialog';
import { Notice } from '../ui/notice';

/** Stop drain, behind a confirmation: pending evictions are cancelled, nodes stay cordoned. */
export function StopDrain({ cluster, id }: { cluster: string; id: number }) {
  const [isOpen, setIsOpen] = useState(false);
  const stop = useStopDrain(cluster, id);
  return (
    <>
      <button
        type="button"
        className={BUTTON}
        aria-haspopup="dialog"
        onClick={() => setIsOpen(true)}
      >
        Stop drain
      </button>
      {isOpen ? (
        <ModalDialog title={`Stop drain #${id}?`} onClose={() => setIsOpen(false)}>
          <p className="text-sm">
            Drainboard cancels the evictions still waiting. Pods already evicted stay gone, and the
            nodes stay cordoned: uncordon them here when you are ready.
          </p>
          {stop.error === null ? null : (
            <Notice tone="failed" title="The drain was not stopped">
              {stop.error.message}
            </Notice>
          )}
          <button
            type="button"
            className={BUTTON_DANGER}
            disabled={stop.isPending}
            onClick={() => stop.mutate(undefined, { onSuccess: () => setIsOpen(false) })}
          >
            {stop.isPending ? 'Stopping…' : 'Confirm stop'}
          </button>
        </ModalDialog>
      ) : null}
    </>
  );
}
