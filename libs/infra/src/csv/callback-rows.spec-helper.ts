import type { CallbackView } from '#read-store';

/** A callback as the views hold it, for the CSV tests; `overrides` set the cells a test is about. */
export function aCallback(overrides: Partial<CallbackView> = {}): CallbackView {
  return {
    id: 'cb-1',
    registeredAt: '2025-01-02T03:04:05.678Z',
    receivedAt: '2025-01-02T03:00:00.000Z',
    agent: '山田 太郎',
    status: 'incomplete',
    callCenter: '東京センター',
    businessLabel: '請求のお問い合わせ',
    callerNumber: '+81312345678',
    ourNumber: '0312345678',
    requestId: 'req-1',
    recording: null,
    memo: null,
    version: 0,
    completedAt: null,
    ...overrides,
  };
}

/** The rows source `callbacksCsv` reads. */
export async function* rowsOf(...callbacks: CallbackView[]): AsyncGenerator<CallbackView> {
  yield* callbacks;
}
