import { describe, expect, it } from '@jest/globals';
import { eventStoreContract } from '../event-store.contract.js';
import { openEsdbEventStore } from './esdb-event-store.js';

// No EventStoreDB can be installed on our machines, so this suite runs where one is reachable (CI's
// service container, `docker compose up eventstoredb`). Without it the run says so out loud instead of
// skipping quietly: a green run must never be mistaken for a tested EventStoreDB adapter.
const url = process.env.EVENTSTORE_URL;

if (url) {
  // The server is shared (other suites, earlier runs): every case works on its own fresh streams.
  eventStoreContract(`EventStoreDB (${url})`, () => openEsdbEventStore(url), { isolated: false });
} else {
  process.stdout.write('\nEventStoreDB contract suite NOT RUN: set EVENTSTORE_URL to run it\n\n');
  describe('EventStore contract: EventStoreDB', () => {
    it('is not run without EVENTSTORE_URL (EventStoreDB contract suite NOT RUN)', () => {
      expect(process.env.EVENTSTORE_URL).toBeUndefined();
    });
  });
}
