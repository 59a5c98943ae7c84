import 'server-only';

import type { Clock, TimerHandle } from './clock';

/**
 * Fires once if {@link Watchdog.kick} is not called for `silenceMs`. A TCP stream can die
 * without an error for many minutes (kubernetes-client/javascript#364, #596), so a watch that
 * has received nothing, not even a bookmark, for longer than its own timeout is restarted.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#watch-bookmarks
 */
export class Watchdog {
  private timer: TimerHandle | undefined;
  private hasFired = false;

  constructor(
    private readonly clock: Clock,
    private readonly silenceMs: number,
    private readonly onFire: () => void,
  ) {}

  /** (Re)arms the timer: something arrived. */
  kick(): void {
    if (this.hasFired) return;
    this.stop();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.hasFired = true;
      this.onFire();
    }, this.silenceMs);
  }

  /** Disarms the timer for good or until the next kick. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** True once the timer went off. */
  get fired(): boolean {
    return this.hasFired;
  }
}
