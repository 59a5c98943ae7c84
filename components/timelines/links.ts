/** A link to a pod or a timeline, in the timelines' monospace. */
export const LINK = 'font-mono break-all text-blue-700 hover:underline dark:text-blue-400';
