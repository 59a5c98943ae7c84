import type { ReactNode } from 'react';

import type { Tone } from '@/lib/client/pod-status';

import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from './tone';

/**
 * A designed loading, empty or error state: an icon, a title in words and what to do next.
 * Errors are announced at once (`alert`); the rest politely (`status`).
 */
export function Notice({
  tone,
  title,
  children,
}: {
  tone: Tone;
  title: string;
  children?: ReactNode;
}) {
  return (
    <div
      role={tone === 'failed' ? 'alert' : 'status'}
      className={`rounded-md border px-4 py-3 text-sm ${TONE_SURFACE[tone]}`}
    >
      <p className="font-semibold">
        <span aria-hidden="true" className={`mr-1.5 ${TONE_TEXT[tone]}`}>
          {TONE_ICON[tone]}
        </span>
        {title}
      </p>
      {children ? <div className="mt-1 text-zinc-700 dark:text-zinc-300">{children}</div> : null}
    </div>
  );
}
