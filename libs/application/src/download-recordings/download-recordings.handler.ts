import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, parseSearchCriteria } from '#domain';
import {
  type BlobStore,
  RECORDING_BLOB_STORE,
  type RecordingIndexRow,
  type ZipEntry,
  recordingFileName,
  recordingsIndexCsv,
  zipStream,
} from '#infra';
import {
  CALLBACK_SEARCH,
  type CallbackSearch,
  LINKED_RECORDINGS,
  type LinkedRecording,
  type LinkedRecordings,
  fileNameStamp,
  toPeriod,
} from '#read-store';
import { APP_CONFIG, type AppConfig } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { SettingsReader } from '../shared/settings-reader.js';
import { DownloadRecordingsQuery, type RecordingsArchive } from './download-recordings.query.js';

@QueryHandler(DownloadRecordingsQuery)
export class DownloadRecordingsHandler implements IQueryHandler<DownloadRecordingsQuery, RecordingsArchive> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly settings: SettingsReader,
    @Inject(LINKED_RECORDINGS) private readonly linked: LinkedRecordings,
    @Inject(CALLBACK_SEARCH) private readonly callbacks: CallbackSearch,
    @Inject(RECORDING_BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'displayTimeZone'>,
  ) {}

  async execute({ from, to, at }: DownloadRecordingsQuery): Promise<RecordingsArchive> {
    const { settings } = await this.settings.current();
    if (!settings.bulkRecordingDownload) {
      throw new DomainError(
        'FORBIDDEN',
        'the bulk recording download option (録音一括ダウンロード, bulkRecordingDownload) is off; an administrator can turn it on in the settings',
      );
    }
    parseSearchCriteria({ from, to });
    const timeZone = this.config.displayTimeZone;
    const period = toPeriod(from, to, timeZone);
    const recordings = await this.linked.findLinkedRecordings({
      from: period.registeredFrom,
      to: period.registeredBefore,
    });
    return {
      fileName: `recordings_${fileNameStamp(at, timeZone)}.zip`,
      zip: await zipStream(this.entries(recordings, timeZone)),
    };
  }

  /** One entry per recording still linked when the archive reaches it, then the index of those written. */
  private async *entries(recordings: readonly LinkedRecording[], timeZone: string): AsyncGenerator<ZipEntry> {
    const index: RecordingIndexRow[] = [];
    for (const { callbackId } of recordings) {
      const [{ state }, callback] = await Promise.all([
        this.aggregates.callbacks.load(callbackId),
        this.callbacks.get(callbackId),
      ]);
      if (state.status === 'absent' || state.recording === null || callback === null) continue;
      const audio = state.recording;
      const fileName = recordingFileName(callback.registeredAt, callback.requestId, audio.extension, timeZone);
      let opened = false;
      yield {
        name: fileName,
        open: async () => {
          const stream = await this.blobs.get(audio.recordingBlobKey);
          opened = stream !== null;
          return stream;
        },
      };
      if (opened) index.push({ fileName, callback });
    }
    yield { name: 'index.csv', open: async () => recordingsIndexCsv(index, timeZone) };
  }
}
