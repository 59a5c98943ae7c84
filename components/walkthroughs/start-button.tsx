'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import type { WalkthroughRun } from '@/lib/client/walkthroughs-api';

import { BUTTON, BUTTON_DANGER, BUTTON_PRIMARY } from '../evict/buttons';
import { ModalDialog } from '../evict/modal-dialog';

/**
 * Start, or Start again: while a run is going, starting again recreates its cluster and
 * forgets its steps, so it asks first.
 */
export function StartButton({
  title,
  state,
  isPending,
  onStart,
}: {
  title: string;
  state: WalkthroughRun['state'];
  isPending: boolean;
  onStart: () => void;
}) {
  const t = useTranslations('Walkthroughs');
  const [isAsking, setIsAsking] = useState(false);
  const isRunning = state === 'running';
  return (
    <>
      <button
        type="button"
        className={isRunning ? BUTTON : BUTTON_PRIMARY}
        disabled={isPending}
        aria-haspopup={isRunning ? 'dialog' : undefined}
        onClick={() => (isRunning ? setIsAsking(true) : onStart())}
      >
        {state === 'idle' ? t('start') : t('startAgain')}
      </button>
      {isAsking ? (
        <ModalDialog title={t('restartTitle', { title })} onClose={() => setIsAsking(false)}>
          <p className="text-sm">{t('restartBody')}</p>
          <button
            type="button"
            className={BUTTON_DANGER}
            onClick={() => {
              setIsAsking(false);
              onStart();
            }}
          >
            {t('restart')}
          </button>
        </ModalDialog>
      ) : null}
    </>
  );
}
