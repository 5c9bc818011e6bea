import type { CallbackView } from '../callback-view.js';
import { foldForMatch, shownText } from '../callback-text.js';
import { type ValueListColumn, callerNumberHeadLength, plainPhoneNumber } from './sqlite-schema.js';

/**
 * What the full-text index leaves out, found another way with the same meaning (a keyword occurs in
 * the folded shown text of the column):
 *
 * - a value-list column (agent, status, call center, business label, our number) holds few distinct
 *   values: the keyword picks those whose shown text contains it, and an index finds their rows;
 * - a caller number of digits is indexed without its head (`callerNumberFullText`): a match starting
 *   within the head is a number starting with `p + keyword` for some head part `p`, a range of the
 *   `caller_number` index.
 */

/** The values of a value-list column whose shown text contains the keyword (null shows as an empty cell). */
export function matchingValues(
  column: ValueListColumn,
  values: readonly string[],
  keyword: string,
  timeZone: string,
): string[] {
  return values.filter((value) =>
    foldForMatch(shownText({ [column]: value } as unknown as CallbackView, column, timeZone)).includes(keyword),
  );
}

const digits = [...'0123456789'];

/**
 * `[from, to)` ranges of caller numbers holding the keyword at an offset within the head, only those
 * holding some number (`anyBetween`, a seek each): the head parts are found level by level among the
 * numbers stored, so a store of `090…` numbers asks about a handful of ranges, not every digit pair.
 *
 * Only a keyword of the plain form can occur in a plain number (`+` leads or is absent); one led by `+`
 * can only start it. The bound `to` is `from + ':'`, ':' following '9': a plain number starting with
 * `from` continues with a digit. A stored number in another form (never written by the command side)
 * is indexed whole in the full-text index; one that merely starts with `from` holds the keyword there
 * too, folding leaving ASCII digits and `+` as they are.
 */
export function callerNumberHeadRanges(
  keyword: string,
  anyBetween: (from: string, to: string) => boolean,
): [string, string][] {
  if (!plainPhoneNumber.test(keyword)) return [];
  const range = (from: string): [string, string] => [from, `${from}:`];
  const stored = (from: string) => anyBetween(...range(from));
  const heads = [''];
  if (!keyword.startsWith('+')) {
    let level = [''];
    for (let length = 1; length < callerNumberHeadLength; length++) {
      level = level.flatMap((part) => (part === '' ? ['+', ...digits] : digits).map((c) => part + c)).filter(stored);
      heads.push(...level);
    }
  }
  return heads
    .map((head) => head + keyword)
    .filter(stored)
    .map(range);
}
