'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, type ReactNode } from 'react';

import { BUTTON } from './buttons';

/**
 * A modal built on the native `<dialog>` and `showModal()`: the browser makes the rest of the
 * page inert (focus stays inside), moves focus into it, closes it on Escape and returns focus
 * when it closes. Labelled by its heading. Mounted while open; `onClose` unmounts it.
 */
export function ModalDialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useTranslations('Evict');
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      onClose={onClose}
      className="m-auto max-h-[90dvh] w-[min(46rem,95vw)] overflow-auto rounded-lg border border-zinc-300 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/50 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
    >
      <div className="sticky top-0 flex items-center justify-between gap-4 border-b border-zinc-200 bg-white px-5 py-3 dark:border-zinc-800 dark:bg-zinc-950">
        <h2 id={headingId} className="font-mono text-lg font-semibold break-all">
          {title}
        </h2>
        <button type="button" className={BUTTON} onClick={() => ref.current?.close()}>
          {t('close')}
        </button>
      </div>
      <div className="space-y-4 px-5 py-4">{children}</div>
    </dialog>
  );
}
