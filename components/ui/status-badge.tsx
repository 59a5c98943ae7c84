import type { Tone } from '@/lib/client/pod-status';

import { TONE_ICON, TONE_SURFACE, TONE_TEXT } from './tone';

/** A state in one word with its colour and icon; `detail` qualifies it ("CrashLoopBackOff"). */
export function StatusBadge({
  tone,
  label,
  detail,
}: {
  tone: Tone;
  label: string;
  detail?: string | null;
}) {
  return (
    <span
      className={`inline-flex max-w-full items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${TONE_SURFACE[tone]}`}
    >
      <span aria-hidden="true" className={TONE_TEXT[tone]}>
        {TONE_ICON[tone]}
      </span>
      <span className="truncate">
        {label}
        {detail ? <span className="font-normal"> · {detail}</span> : null}
      </span>
    </span>
  );
}
