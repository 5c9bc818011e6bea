import type { LiveStreamSink } from '#infra';

/**
 * ライブ更新: opens the caller's Server-Sent Events stream. Its own asynchronous searches always; callback
 * changes when its roles may read callbacks. `lastEventId` resumes after the last change it saw.
 */
export class StreamLiveEventsQuery {
  constructor(
    readonly accountId: string,
    readonly mayReadCallbacks: boolean,
    readonly lastEventId: string | string[] | undefined,
    readonly sink: LiveStreamSink,
  ) {}
}
