import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RegisteredRange } from '#domain';
import { FsBlobStore, type StoredBlob } from '#infra';
import { RequestAsyncSearchCommand } from '../request-async-search/request-async-search.command.js';
import { RequestAsyncSearchHandler } from '../request-async-search/request-async-search.handler.js';
import { AsyncSearchSlots } from './async-search-slots.js';
import { VisibleAsyncSearches } from './visible-async-search.js';
import type { useCaseFixture } from './use-case.fixture.js';

/** The embedded family's blob store in a fresh temp dir. */
export async function tempBlobs(): Promise<{ blobStore: FsBlobStore; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-use-case-'));
  return { blobStore: FsBlobStore.forExports(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

export const owner = {
  id: 'owner-1',
  email: 'owner@example.jp',
  columns: ['callCenter' as const],
  roles: ['agent' as const],
};

/** The async-search use cases' shared parts, and a way to request one as `owner`. */
export function asyncSearchParts(f: ReturnType<typeof useCaseFixture>) {
  const slots = new AsyncSearchSlots(f.aggregates);
  const visible = new VisibleAsyncSearches(f.aggregates);
  const request = (criteria: Record<string, unknown> = {}) =>
    new RequestAsyncSearchHandler(f.aggregates, slots, f.clock).execute(
      new RequestAsyncSearchCommand({ criteria, memo: '月次' }, owner, f.issuedBy()),
    );
  return { slots, visible, request };
}

/** Runs a search to `succeeded` as the export worker would, with `stored` as its file. */
export async function succeedWith(
  f: ReturnType<typeof useCaseFixture>,
  asyncSearchId: string,
  stored: StoredBlob,
  rowCount: number,
  registeredRange: RegisteredRange | null = null,
): Promise<void> {
  const worker = { actor: { id: 'system', name: 'worker', roles: [] }, correlationId: 'spec' };
  const now = f.clock.now();
  await f.aggregates.asyncSearches.run(asyncSearchId, { type: 'StartAsyncSearch', now }, worker);
  await f.aggregates.asyncSearches.run(
    asyncSearchId,
    { type: 'SucceedAsyncSearch', ...stored, rowCount, registeredRange, now },
    worker,
  );
}
