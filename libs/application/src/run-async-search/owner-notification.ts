import { Logger } from '@nestjs/common';
import { type AccountEvent, accountDecider, fold, streamNames } from '#domain';
import type { EventStore } from '#event-store';
import { type AsyncSearchFinishedMail, reasonOf } from '#infra';
import type { AsyncSearchCommands } from './async-search-commands.js';

/** What the worker needs of a mailer (MailNotifier in production; tests may fail it on purpose). */
export interface AsyncSearchMailer {
  sendAsyncSearchFinished(mail: AsyncSearchFinishedMail): Promise<unknown>;
}

/** A mail could not be sent; it was recorded, and the job is retried so the mail is tried again. */
export class NotificationNotSentError extends Error {
  constructor(asyncSearchId: string, reason: string) {
    super(`the notification for async search ${asyncSearchId} was not sent: ${reason}`);
    this.name = 'NotificationNotSentError';
  }
}

/**
 * Mails the owner once a search has ended, when they asked for it and have an email. Each outcome is an
 * event (AsyncSearchOwnerNotified / AsyncSearchNotificationFailed); a failure never changes the search.
 */
export class OwnerNotification {
  private readonly logger = new Logger('export-worker:mail');

  constructor(
    private readonly eventStore: EventStore,
    private readonly commands: AsyncSearchCommands,
    private readonly mailer: AsyncSearchMailer | null,
  ) {}

  /** Sends the mail still owed, if any. Throws NotificationNotSentError when sending failed. */
  async sendIfOwed(asyncSearchId: string, correlationId: string): Promise<void> {
    const state = await this.commands.load(asyncSearchId);
    if (state.status !== 'succeeded' && state.status !== 'failed') return;
    if (!state.request.notify || state.notifiedAt !== null || this.mailer === null) return;
    const to = await this.ownerEmail(state.request.ownerId);
    // The owner removed their address since: there is nobody to write to, which is not a failure.
    if (to === null) return;
    try {
      await this.mailer.sendAsyncSearchFinished({
        to,
        requestedAt: state.request.requestedAt,
        status: state.status,
        memo: state.request.memo,
        rowCount: state.rowCount,
        asyncSearchId,
      });
    } catch (error) {
      const reason = reasonOf(error);
      this.logger.warn({ message: 'notification mail failed; it is retried', asyncSearchId, error: reason });
      await this.record(asyncSearchId, { failure: reason }, correlationId);
      throw new NotificationNotSentError(asyncSearchId, reason);
    }
    await this.record(asyncSearchId, { sentTo: to }, correlationId);
  }

  private async record(
    asyncSearchId: string,
    outcome: { sentTo: string } | { failure: string },
    correlationId: string,
  ): Promise<void> {
    try {
      await this.commands.run(
        asyncSearchId,
        { type: 'RecordNotification', outcome, now: this.commands.now() },
        correlationId,
      );
    } catch (error) {
      // Deleted meanwhile: nothing left to record on.
      this.logger.warn({ message: 'could not record the notification', asyncSearchId, error: reasonOf(error) });
    }
  }

  private async ownerEmail(ownerId: string): Promise<string | null> {
    const events = await this.eventStore.readStream(streamNames.account(ownerId));
    const account = fold(accountDecider, events as AccountEvent[]);
    return account.status === 'active' ? account.email : null;
  }
}
