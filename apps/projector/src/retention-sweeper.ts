import { Logger } from '@nestjs/common';
import { streamNames } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import type { CallbackRetention } from '#read-store';
import type { RetentionPolicy } from './retention-policy.js';

/**
 * Deletes callbacks past retention from every view and deletes their event streams. Views go first and
 * leave tombstones, so neither a late event nor a rebuild brings a callback back.
 */
export class RetentionSweeper {
  private readonly logger = new Logger('retention');
  private running: Promise<number> | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly views: CallbackRetention,
    private readonly policy: RetentionPolicy,
    private readonly batchSize = 500,
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

  /**
   * Callbacks registered already past retention (a backfill) never get a view: their streams are deleted
   * as the projector meets their registration.
   */
  async deleteExpiredRegistrations(events: readonly RecordedEvent[]): Promise<void> {
    const cutoff = await this.policy.cutoff();
    for (const event of events) {
      if (event.type !== 'CallbackRegistered') continue;
      const { callbackId, registeredAt } = event.data as { callbackId: string; registeredAt: string };
      if (registeredAt < cutoff) await this.eventStore.deleteStream(streamNames.callback(callbackId));
    }
  }

  private async sweepOnce(): Promise<number> {
    const cutoff = await this.policy.cutoff();
    let deleted = 0;
    for (;;) {
      const callbackIds = await this.views.findRegisteredBefore(cutoff, this.batchSize);
      if (callbackIds.length === 0) break;
      await this.views.deleteCallbacks(callbackIds);
      for (const callbackId of callbackIds) await this.eventStore.deleteStream(streamNames.callback(callbackId));
      deleted += callbackIds.length;
    }
    if (deleted > 0) this.logger.log({ message: 'deleted callbacks past retention', deleted, cutoff });
    return deleted;
  }
}
