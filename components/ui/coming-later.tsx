/** Says plainly that a view's content is not built yet, rather than showing an empty page. */
export function ComingLater() {
  return (
    <p className="rounded-md border border-dashed border-zinc-300 px-4 py-3 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      <span aria-hidden="true">◌ </span>
      This view is coming in a later issue.
    </p>
  );
}
