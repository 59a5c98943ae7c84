'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useStopDrain } from '@/lib/client/drains-api';

import { BUTTON, BUTTON_DANGER } from '../evict/buttons';
import { ModalDialog } from '../evict/modal-dialog';
import { Notice } from '../ui/notice';

/** Stop drain, behind a confirmation: pending evictions are cancelled, nodes stay cordoned. */
export function StopDrain({ cluster, id }: { cluster: string; id: number }) {
  const t = useTranslations('Drains.stop');
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
        {t('stop')}
      </button>
      {isOpen ? (
        <ModalDialog title={t('title', { id: String(id) })} onClose={() => setIsOpen(false)}>
          <p className="text-sm">{t('body')}</p>
          {stop.error === null ? null : (
            <Notice tone="failed" title={t('failed')}>
              {stop.error.message}
            </Notice>
          )}
          <button
            type="button"
            className={BUTTON_DANGER}
            disabled={stop.isPending}
            onClick={() => stop.mutate(undefined, { onSuccess: () => setIsOpen(false) })}
          >
            {stop.isPending ? t('stopping') : t('confirm')}
          </button>
        </ModalDialog>
      ) : null}
    </>
  );
}
