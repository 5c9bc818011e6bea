import { type CallbackColumn, callbackColumns } from '#domain';
import type { CallbackView } from './callback-view.js';
import { formatDisplayDateTime } from './display-time.js';

/**
 * Narrowing (絞り込み) compares keywords with what the list shows, so a row keeps, per column, the
 * shown text already folded for matching: NFKC (full-width ＡＢＣ１２３ = ABC123, half-width kana = kana)
 * then lower case. Computed once when the row is written, never per query.
 */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Keywords of the narrowing box: split on half- and full-width spaces (and any other white space). */
export function splitKeywords(raw: string | undefined | null): string[] {
  if (!raw) return [];
  return foldForMatch(raw)
    .split(/[\s\u3000]+/u)
    .filter((keyword) => keyword !== '');
}

export const statusLabels = { incomplete: '未完了', complete: '完了' } as const;

/**
 * The text the list shows in each column. The recording column shows a player, not text, so it offers
 * nothing to match; null shows as an empty cell.
 */
export function shownText(view: CallbackView, column: CallbackColumn, timeZone: string): string {
  switch (column) {
    case 'registeredAt':
      return formatDisplayDateTime(view.registeredAt, timeZone);
    case 'receivedAt':
      return formatDisplayDateTime(view.receivedAt, timeZone);
    case 'status':
      return statusLabels[view.status];
    case 'recording':
      return '';
    case 'id':
    case 'agent':
    case 'callCenter':
    case 'businessLabel':
    case 'callerNumber':
    case 'ourNumber':
    case 'requestId':
    case 'memo':
      return view[column] ?? '';
    default: {
      const never: never = column;
      throw new Error(`unknown column ${String(never)}`);
    }
  }
}

export type CallbackMatchText = Record<CallbackColumn, string>;

/** Every column's folded shown text: what a row stores for narrowing. */
export function callbackMatchText(view: CallbackView, timeZone: string): CallbackMatchText {
  const text = {} as CallbackMatchText;
  for (const column of callbackColumns) text[column] = foldForMatch(shownText(view, column, timeZone));
  return text;
}

/** Reference semantics of narrowing: every keyword occurs in some shown column. */
export function matchesKeywords(
  text: CallbackMatchText,
  keywords: readonly string[],
  columns: readonly CallbackColumn[],
): boolean {
  return keywords.every((keyword) => columns.some((column) => text[column].includes(keyword)));
}
