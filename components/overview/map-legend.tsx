import type { Tone } from '@/lib/client/pod-status';

import { TONE_ICON, TONE_TEXT } from '../ui/tone';

const ENTRIES: [Tone, string][] = [
  ['healthy', 'Running and Ready'],
  ['waiting', 'Running, not Ready'],
  ['progress', 'Terminating, with the time left in its grace period'],
  ['failed', 'Crash-looping or Failed'],
  ['inactive', 'Pending'],
];

/** What the node map's colours and marks mean. */
export function MapLegend() {
  return (
    <ul
      aria-label="Legend"
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300"
    >
      {ENTRIES.map(([tone, text]) => (
        <li key={tone}>
          <span aria-hidden="true" className={`mr-1 font-semibold ${TONE_TEXT[tone]}`}>
            {TONE_ICON[tone]}
          </span>
          {text}
        </li>
      ))}
      <li>
        <span aria-hidden="true" className="mr-1 font-semibold text-state-waiting">
          ⊘
        </span>
        A budget would refuse its eviction now
      </li>
    </ul>
  );
}
