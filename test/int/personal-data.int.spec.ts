import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { openSqliteEventStore } from '#event-store';
import { openEsdbEventStore } from '#event-store/esdb';
import { personalDataContract } from './personal-data.contract.js';

personalDataContract('SQLite', () =>
  openSqliteEventStore(path.join(mkdtempSync(path.join(tmpdir(), 'pii-')), 'events.sqlite')),
);

const eventStoreUrl = process.env.EVENTSTORE_URL;
if (eventStoreUrl) {
  personalDataContract(`EventStoreDB (${eventStoreUrl})`, () => openEsdbEventStore(eventStoreUrl));
} else {
  describe('crypto-shredding over EventStoreDB', () => {
    it('is not run without EVENTSTORE_URL (crypto-shredding over EventStoreDB NOT RUN)', () => {
      process.stdout.write('\ncrypto-shredding over EventStoreDB NOT RUN: set EVENTSTORE_URL to run it\n\n');
    });
  });
}
