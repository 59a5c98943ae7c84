import type { Locator, Page } from '@playwright/test';
import { SIM_CONTEXT } from '../support/sim';
import { spokenText } from './retries';
import { literal } from '../support/regex';
import { Shell } from './shell';

/** The Timelines table's columns, in the order components/timelines/timelines-table.tsx shows them. */
export const TIMELINE_COLUMNS = [
  'Select',
  'Pod',
  'Owner',
  'Node',
  'Started by',
  'Phase',
  'Duration',
  'Findings',
  'Started',
] as const;
export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];

/** The Facts table's columns, in the order components/timelines/facts-table.tsx shows them. */
export const FACT_COLUMNS = ['Time', 'Step', 'Fact', 'Source'] as const;

/** Who started a termination, as the view words it. */
export type AttributionWords =
  | 'Drainboard'
  | 'Eviction API (another client)'
  | 'Preemption'
  | 'Taint manager'
  | 'Kubelet'
  | 'Pod GC'
  | 'Deletion'
  | 'Unknown';

/** A phase badge's word. */
export type PhaseWords =
  'Blocked' | 'Terminating' | 'Gone' | 'Replacement starting' | 'Replacement ready';

/** A finding badge's word. */
export type FindingWords =
  | 'Killed at deadline'
  | 'Traffic after SIGTERM'
  | 'Stuck terminating'
  | 'Replacement slow'
  | 'Not observed';

/** One row of a Facts table, as read. */
export interface FactRow {
  /** "10:00:30.000" (local time, ms precision), or "not observed". */
  readonly time: string;
  /** The `<time datetime>` (ISO 8601, UTC, ms precision); null when not observed. */
  readonly datetime: string | null;
  /** "1 · Deletion timestamp set; 2 · Kubelet starts graceful shutdown", or "". */
  readonly step: string;
  /** "Container web terminated, exit 137 (Error) ⚑ finding: Killed at deadline" (icon removed). */
  readonly fact: string;
  /** "cluster", "observed" or "not observed". */
  readonly source: string;
}

/**
 * The Timelines view (a table of pod terminations, live) and a pod's timeline page (phase,
 * attribution, grace countdown, findings, phases, chart and the Facts table). Rows are found by
 * their pod (`namespace/pod`, the row header's link to the timeline page).
 */
export class TimelinesPage extends Shell {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the Timelines view, with filters (`?namespace=&node=&owner=&inProgress=1`). */
  async openTimelines(
    filters: { namespace?: string; node?: string; owner?: string; inProgressOnly?: boolean } = {},
  ): Promise<void> {
    const params = new URLSearchParams();
    if (filters.namespace !== undefined) params.set('namespace', filters.namespace);
    if (filters.node !== undefined) params.set('node', filters.node);
    if (filters.owner !== undefined) params.set('owner', filters.owner);
    if (filters.inProgressOnly) params.set('inProgress', '1');
    const query = params.toString();
    await this.open(`timelines${query === '' ? '' : `?${query}`}`);
  }

  // --- The list ---------------------------------------------------------------------------

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Timelines', exact: true });
  }

  /** The empty state ("No eviction timeline … matches"). */
  get empty(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'No eviction timeline' });
  }

  /** Every row (the header row excluded). */
  get rows(): Locator {
    return this.table.locator('tbody > tr');
  }

  /** The newest row of a pod (a pod name may have several timelines: it is newest first). */
  row(namespace: string, pod: string): Locator {
    const header = this.page.getByRole('rowheader', { name: `${namespace}/${pod}`, exact: true });
    return this.table.getByRole('row').filter({ has: header }).first();
  }

  /** A cell of a pod's row, by column header. */
  cell(namespace: string, pod: string, column: TimelineColumn): Locator {
    return this.row(namespace, pod)
      .locator(':scope > th, :scope > td')
      .nth(TIMELINE_COLUMNS.indexOf(column));
  }

  /** The phase word of a pod's row ("Terminating", "Replacement ready"…), without its icon. */
  async phase(namespace: string, pod: string): Promise<string> {
    return spokenText(this.cell(namespace, pod, 'Phase'));
  }

  /** Who started it ("Drainboard", "Eviction API (another client)"…). */
  async attribution(namespace: string, pod: string): Promise<string> {
    return spokenText(this.cell(namespace, pod, 'Started by'));
  }

  /** The finding badges' words of a pod's row, in order (empty when none). */
  async findings(namespace: string, pod: string): Promise<string[]> {
    const items = this.cell(namespace, pod, 'Findings').getByRole('listitem');
    const texts: string[] = [];
    for (const item of await items.all()) texts.push(await spokenText(item));
    return texts;
  }

  /** The Duration cell: "12 s so far" while in progress, "45 s" after, "unknown". */
  duration(namespace: string, pod: string): Locator {
    return this.cell(namespace, pod, 'Duration');
  }

  /** The link to the pod's timeline page, in its row header. */
  timelineLink(namespace: string, pod: string): Locator {
    return this.row(namespace, pod).getByRole('link', { name: `${namespace}/${pod}`, exact: true });
  }

  /** Opens a pod's timeline page from its row. */
  async openDetail(namespace: string, pod: string): Promise<void> {
    await this.timelineLink(namespace, pod).click();
    await this.detailHeading(namespace, pod).waitFor();
  }

  /** Opens a timeline page directly, by pod UID. */
  async openDetailByUid(uid: string): Promise<void> {
    await this.page.goto(`/clusters/${SIM_CONTEXT}/timelines/${encodeURIComponent(uid)}`);
  }

  /** The visually hidden polite status announcing timelines that start, change phase or gain a finding. */
  get announcements(): Locator {
    return this.page.getByRole('status', { name: 'Timeline changes', exact: true });
  }

  // --- Filters and compare ----------------------------------------------------------------

  get nodeFilter(): Locator {
    return this.page.getByLabel('Node', { exact: true });
  }

  get ownerFilter(): Locator {
    return this.page.getByLabel('Owner', { exact: true });
  }

  get inProgressOnly(): Locator {
    return this.page.getByRole('checkbox', { name: 'In progress only', exact: true });
  }

  /** The checkbox "Select {namespace}/{pod}" of a row. */
  selectBox(namespace: string, pod: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${namespace}/${pod}`, exact: true });
  }

  /** "Compare selected": enabled once two or more rows are selected. */
  get compareButton(): Locator {
    return this.page.getByRole('button', { name: 'Compare selected', exact: true });
  }

  /** Selects the pods' rows and opens the compare page (`…/timelines/compare?uids=`). */
  async compare(pods: readonly { namespace: string; pod: string }[]): Promise<void> {
    for (const p of pods) await this.selectBox(p.namespace, p.pod).check();
    await this.compareButton.click();
    await this.page.getByRole('heading', { name: 'Compare timelines', exact: true }).waitFor();
  }

  // --- A pod's timeline page --------------------------------------------------------------

  /** The page's heading, "Timeline of {namespace}/{pod}". */
  detailHeading(namespace: string, pod: string): Locator {
    return this.page.getByRole('heading', {
      name: `Timeline of ${namespace}/${pod}`,
      exact: true,
    });
  }

  /** The value of one of the header's facts ("Pod's grace period": "30 s"; "Phase": "Terminating"). */
  async detailValue(
    term: 'Phase' | 'Started by' | 'Owner' | 'Node' | "Pod's grace period",
  ): Promise<string> {
    const dt = this.page.getByRole('term').filter({ hasText: new RegExp(`^${literal(term)}$`) });
    return spokenText(dt.locator('xpath=following-sibling::dd[1]'));
  }

  /**
   * The grace countdown, shown while the pod terminates: "Terminating: the grace period of 30 s
   * ends in 18 s" (then "overdue 3 s"); its `<time datetime>` is the deadline.
   */
  get graceCountdown(): Locator {
    return this.page.getByRole('timer', { name: 'Grace countdown', exact: true });
  }

  /** The countdown's words ("in 18 s", "overdue 3 s"), or null when not terminating. */
  async graceCountdownText(): Promise<string | null> {
    if ((await this.graceCountdown.count()) === 0) return null;
    return (await this.graceCountdown.locator('time').innerText()).trim();
  }

  /** The "Export JSON" link (to `…/timelines/{uid}/export`). */
  get exportLink(): Locator {
    return this.page.getByRole('link', { name: 'Export JSON', exact: true });
  }

  /** The findings' texts, in order (empty when there are none): badge word, then the sentence. */
  async findingTexts(): Promise<string[]> {
    const list = this.page
      .getByRole('region', { name: 'Findings', exact: true })
      .getByRole('list', { name: 'Findings', exact: true });
    if ((await list.count()) === 0) return [];
    const texts: string[] = [];
    for (const item of await list.getByRole('listitem').all()) texts.push(await spokenText(item));
    return texts;
  }

  /** The phases, each "Terminating 30 s 10:00:00.000 → 10:00:30.000" (badge icon removed). */
  async phaseTexts(): Promise<string[]> {
    const list = this.page.getByRole('list', { name: 'Phases', exact: true });
    if ((await list.count()) === 0) return [];
    const texts: string[] = [];
    for (const item of await list.getByRole('listitem').all()) texts.push(await spokenText(item));
    return texts;
  }

  /** The Facts table (on the compare page, `Facts of {namespace}/{pod}`). */
  factsTable(name = 'Facts'): Locator {
    return this.page.getByRole('table', { name, exact: true });
  }

  /** Every row of a Facts table, in order of time. */
  async facts(name = 'Facts'): Promise<FactRow[]> {
    const rows = await this.factsTable(name).locator('tbody > tr').all();
    const read: FactRow[] = [];
    for (const row of rows) {
      const cells = row.locator(':scope > th, :scope > td');
      const time = cells.nth(0).locator('time');
      read.push({
        time: await spokenText(cells.nth(0)),
        datetime: (await time.count()) === 0 ? null : await time.getAttribute('datetime'),
        step: await spokenText(cells.nth(1)),
        fact: await spokenText(cells.nth(2)),
        source: await spokenText(cells.nth(3)),
      });
    }
    return read;
  }

  // --- On the pod page --------------------------------------------------------------------

  /** The pod page's "Timeline" link (open the pod page first); absent without a timeline. */
  get podPageTimelineLink(): Locator {
    return this.page.getByRole('link', { name: 'Timeline', exact: true });
  }
}
