/**
 * `POST guides/{id}/publish/` allows 2 requests per minute [V `_guides.md` via PROVIDERS.md].
 * Emulated per guide with DRF's `SimpleRateThrottle` sliding window: the wait is the time
 * until the oldest counted request leaves the window.
 */
export class PublishThrottle {
  readonly #limit: number;
  readonly #windowMs: number;
  #history = new Map<number, number[]>();

  constructor(limit = 2, windowMs = 60_000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Records a publish; returns undefined when allowed, else the seconds to wait. */
  take(guideId: number, nowMs: number): number | undefined {
    const history = (this.#history.get(guideId) ?? []).filter((at) => at > nowMs - this.#windowMs);
    if (history.length >= this.#limit) {
      this.#history.set(guideId, history);
      const oldest = history[0] as number;
      return (this.#windowMs - (nowMs - oldest)) / 1000;
    }
    history.push(nowMs);
    this.#history.set(guideId, history);
    return undefined;
  }

  reset(): void {
    this.#history.clear();
  }
}
