import { Logger } from '@nestjs/common';
import { streamNames } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import type { CallbackRetention } from '#read-store';
import type { RetentionPolicy } from './retention-policy.js';

/**
 * 保持期間切れの削除 (sweep-expired-callbacks), run by the projector after every settings change and on an
 * interval rather than over the bus. Deletes callbacks past retention: their event streams, then their rows in every view, which leave
 * tombstones, so neither a late event nor a rebuild brings a callback back.
 */
export class RetentionSweeper {
  private readonly logger = new Logger('retention');
  private running: Promise<number> | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly views: CallbackRetention,
    private readonly policy: RetentionPolicy,
    private readonly batchSize = 50,
  ) {}

  /** One sweep at a time; a call during a sweep waits for it and then sweeps again. */
  async sweep(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.sweepOnce();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Resolves once no sweep is running (one started meanwhile is waited for too). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /**
   * Callbacks registered already past retention (a backfill) never get a view: their streams are deleted
   * as the projector meets their registration.
   */
  async deleteExpiredRegistrations(events: readonly RecordedEvent[]): Promise<void> {
    const cutoff = await this.policy.cutoff();
    const expired = events
      .filter((event) => event.type === 'CallbackRegistered')
      .map((event) => event.data as { callbackId: string; registeredAt: string })
      .filter((registration) => registration.registeredAt < cutoff)
      .map((registration) => streamNames.callback(registration.callbackId));
    if (expired.length > 0) await this.eventStore.deleteStreams(expired);
  }

  private async sweepOnce(): Promise<number> {
    const cutoff = await this.policy.cutoff();
    let deleted = 0;
    for (;;) {
      const callbackIds = await this.views.findRegisteredBefore(cutoff, this.batchSize);
      if (callbackIds.length === 0) break;
      // Streams first: a crash in between leaves the views, so the next sweep finds and finishes them.
      await this.eventStore.deleteStreams(callbackIds.map((callbackId) => streamNames.callback(callbackId)));
      await this.views.deleteCallbacks(callbackIds);
      deleted += callbackIds.length;
      // The embedded stores answer synchronously: give requests waiting on this event loop their turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (deleted > 0) this.logger.log({ message: 'deleted callbacks past retention', deleted, cutoff });
    return deleted;
  }
}
