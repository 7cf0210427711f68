/**
 * A clock corrected by the `Date` header of AWS's responses (docs/architecture.md, "Time"): airfield laptops
 * have wrong clocks, and `updatedAt` orders the delta pull.
 *
 * The header has 1 s resolution, so each response bounds the offset (server - local) to an interval:
 * the server's time lay in [date, date + 1 s) at some instant between sending and receiving. The
 * intervals of successive responses are intersected; when they stop overlapping (the local clock was
 * changed), the newest one alone is kept.
 */
export class CorrectedClock {
  private lower = Number.NEGATIVE_INFINITY;
  private upper = Number.POSITIVE_INFINITY;

  constructor(private readonly localNow: () => number = Date.now) {}

  /** Records one response: its `Date` header, and the local times the request was sent and answered. */
  observe(dateHeader: string, sentAt: number, receivedAt: number): void {
    const serverSecond = Date.parse(dateHeader);
    if (Number.isNaN(serverSecond) || receivedAt < sentAt) return;
    const lower = serverSecond - receivedAt;
    const upper = serverSecond + 1000 - sentAt;
    if (lower > this.upper || upper < this.lower) {
      this.lower = lower;
      this.upper = upper;
      return;
    }
    this.lower = Math.max(this.lower, lower);
    this.upper = Math.min(this.upper, upper);
  }

  /** Best estimate of server minus local time, in milliseconds; 0 before any response. */
  offsetMs(): number {
    if (!Number.isFinite(this.lower) || !Number.isFinite(this.upper)) return 0;
    return Math.round((this.lower + this.upper) / 2);
  }

  /** Half the width of the offset's interval: how far off the estimate can be. */
  uncertaintyMs(): number {
    if (!Number.isFinite(this.lower) || !Number.isFinite(this.upper)) return Number.POSITIVE_INFINITY;
    return Math.round((this.upper - this.lower) / 2);
  }

  /** The uncorrected local time: what `observe` must be given as send and receive times. */
  localTime(): number {
    return this.localNow();
  }

  now(): Date {
    return new Date(this.localNow() + this.offsetMs());
  }

  nowIso(): string {
    return this.now().toISOString();
  }
}
