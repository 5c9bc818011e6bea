import { describe, expect, it } from '@jest/globals';
import { type EventStoreDBClient, StreamDeletedError as ClientStreamDeletedError } from '@eventstore/db-client';
import { event } from '../event-store-fixtures.contract.js';
import { StreamDeletedError } from '../event-store.port.js';
import { EsdbEventStore } from './esdb-event-store.js';

/**
 * Our code around the client, checked at the client's boundary (the contract suite checks the server's
 * side where one runs). The fake records calls and answers as the client does for a tombstoned stream.
 */
function fakeClient() {
  const calls: string[] = [];
  const client = {
    tombstoneStream: async (name: string) => {
      calls.push(`tombstone ${name}`);
      return { position: undefined };
    },
    deleteStream: async (name: string) => {
      calls.push(`soft-delete ${name}`);
      return { position: undefined };
    },
    appendToStream: async (name: string) => {
      calls.push(`append ${name}`);
      throw new ClientStreamDeletedError(undefined, name);
    },
  };
  return { client: client as unknown as EventStoreDBClient, calls };
}

describe('EventStoreDB event store around the client', () => {
  it('deletes a stream with a tombstone, never a soft delete a later append could undo', async () => {
    const { client, calls } = fakeClient();
    const store = new EsdbEventStore(client);
    await store.deleteStreams(['callback-1', 'callback-2']);
    await store.deleteStream('callback-3');
    expect(calls.sort()).toEqual(['tombstone callback-1', 'tombstone callback-2', 'tombstone callback-3']);
  });

  it("reports the client's stream-deleted refusal as the port's StreamDeletedError", async () => {
    const { client } = fakeClient();
    const store = new EsdbEventStore(client);
    const append = store.appendToStream('callback-1', [event('Registered', 1)], { expectedRevision: 'no_stream' });
    await expect(append).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(append).rejects.toMatchObject({ streamName: 'callback-1', expected: 'no_stream' });
  });

  it('treats deleting an already tombstoned stream as done (the sweeper retries)', async () => {
    const { client } = fakeClient();
    (client as unknown as { tombstoneStream: () => Promise<never> }).tombstoneStream = async () => {
      throw new ClientStreamDeletedError(undefined, 'callback-1');
    };
    await expect(new EsdbEventStore(client).deleteStream('callback-1')).resolves.toBeUndefined();
  });
});
