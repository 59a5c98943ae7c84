/** The action buttons' looks: secondary, primary (Evict) and danger (Delete pod, always red). */
const BASE =
  'inline-flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50';

export const BUTTON = `${BASE} border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800`;
export const BUTTON_PRIMARY = `${BASE} border-blue-700 bg-blue-700 text-white hover:bg-blue-800`;
export const BUTTON_DANGER = `${BASE} border-red-700 bg-red-700 text-white hover:bg-red-800`;
export const FIELD =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';
