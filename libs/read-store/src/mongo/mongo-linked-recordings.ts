import type { Document } from 'mongodb';
import type { LinkedRecording, LinkedRecordings } from '../projections/linked-recordings.port.js';
import type { MongoCollections } from './mongo-views.js';

/** Callbacks whose view shows a linked recording (the recording cap, the bulk download). */
export class MongoLinkedRecordings implements LinkedRecordings {
  constructor(private readonly collections: MongoCollections) {}

  async findLinkedRecordings(period: { from?: string; to?: string } = {}): Promise<LinkedRecording[]> {
    const { callbacks } = await this.collections.of();
    const registeredAt: Document = {};
    if (period.from) registeredAt.$gte = new Date(period.from).toISOString();
    if (period.to) registeredAt.$lt = new Date(period.to).toISOString();
    const filter: Document = { 'view.recording': { $type: 'string' } };
    if (period.from || period.to) filter.registeredAt = registeredAt;
    const docs = await callbacks
      .find(filter, { projection: { _id: 1, registeredAt: 1, 'view.recording': 1 } })
      .sort({ registeredAt: 1, _id: 1 })
      .toArray();
    return docs.map((doc) => ({
      callbackId: doc._id as unknown as string,
      recordingId: (doc.view as { recording: string }).recording,
      registeredAt: doc.registeredAt as string,
    }));
  }
}
