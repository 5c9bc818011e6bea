import type { CallbackView } from '#read-store';
import type { CallbackSearch, CallbackSearchRequest } from '#read-store';

/** The callback view port over a fixed list of rows, remembering what the use case asked for. */
export function callbackSearchOver(rows: CallbackView[]): CallbackSearch & { requests: CallbackSearchRequest[] } {
  const requests: CallbackSearchRequest[] = [];
  return {
    requests,
    async search(request) {
      requests.push(request);
      return { items: rows.slice(0, request.pageSize), total: rows.length };
    },
    async count(_criteria, _narrowing, limit) {
      return Math.min(rows.length, limit ?? rows.length);
    },
    async *stream() {
      yield* rows;
    },
    async get(callbackId) {
      return rows.find((row) => row.id === callbackId) ?? null;
    },
  };
}

/** A callback row as the list view holds it. */
export function callbackRow(id: string, overrides: Partial<CallbackView> = {}): CallbackView {
  return {
    id,
    registeredAt: '2026-11-20T01:00:00.000Z',
    receivedAt: '2026-11-20T00:30:00.000Z',
    agent: null,
    status: 'incomplete',
    callCenter: '東京コールセンター',
    businessLabel: '製品サポート',
    callerNumber: '03-1234-5678',
    ourNumber: '0120-000-111',
    requestId: `req-${id}`,
    recording: null,
    memo: null,
    version: 0,
    completedAt: null,
    ...overrides,
  };
}
