import type { Tone } from '@/lib/client/pod-status';

/**
 * The one state-colour map (../shared/docs/ui.md), as Tailwind classes of the `state-*`
 * tokens in app/globals.css. Each tone also has an icon, as colour is never the only signal.
 */
export const TONE_TEXT: Record<Tone, string> = {
  healthy: 'text-state-healthy',
  waiting: 'text-state-waiting',
  progress: 'text-state-progress',
  failed: 'text-state-failed',
  inactive: 'text-state-inactive',
};

export const TONE_SURFACE: Record<Tone, string> = {
  healthy: 'border-state-healthy bg-state-healthy/10',
  waiting: 'border-state-waiting bg-state-waiting/10',
  progress: 'border-state-progress bg-state-progress/10',
  failed: 'border-state-failed bg-state-failed/10',
  inactive: 'border-state-inactive bg-state-inactive/10',
};

export const TONE_ICON: Record<Tone, string> = {
  healthy: '✓',
  waiting: '!',
  progress: '◔',
  failed: '✕',
  inactive: '○',
};
