import type { DataEntity } from '../../../shared/api/events';
import { KeyedThrottle } from './throttle';

/**
 * At most one `data.changed` a second per area while items commit: each one makes screens re-read
 * pages and counts, which at 100k sessions costs far more than a progress update.
 */
const CHANGE_INTERVAL_MS = 1000;

/**
 * The `data.changed` events of running jobs, keyed by area and shared by all jobs: two jobs writing
 * sessions make one stream of events, not two, and a job that stops announces its areas at once.
 */
export class ChangeNotices {
  private readonly throttle: KeyedThrottle<DataEntity>;

  constructor(emit: (entity: DataEntity) => void, intervalMs = CHANGE_INTERVAL_MS) {
    this.throttle = new KeyedThrottle(intervalMs, emit);
  }

  /** An item's rows are committed: its areas go out now, or within the interval if one just went out. */
  stored(areas: readonly DataEntity[]): void {
    for (const entity of areas) this.throttle.push(entity, entity);
  }

  /**
   * The job stopped: its areas go out at once, whether or not an item is waiting, because what is read
   * from them can follow the job's own state (an evaluation run is done when its scoring job is).
   */
  stopped(areas: readonly DataEntity[]): void {
    for (const entity of areas) this.throttle.flush(entity, entity);
  }

  dispose(): void {
    this.throttle.dispose();
  }
}
