import type { Document } from 'mongodb';
import type { CallbackMatchText } from '../callback-text.js';
import type { CallbackSort } from '../projections/callback-search.port.js';
import type { CallbackFilter } from '../search-filter.js';

const trigramLength = 3;

/** Distinct trigrams of every column's folded text: a multikey-indexed prefilter for narrowing. */
export function trigramsOf(text: CallbackMatchText): string[] {
  const grams = new Set<string>();
  for (const value of Object.values(text)) for (const gram of trigrams(value)) grams.add(gram);
  return [...grams];
}

function trigrams(value: string): string[] {
  const chars = [...value];
  const out: string[] = [];
  for (let i = 0; i + trigramLength <= chars.length; i++) out.push(chars.slice(i, i + trigramLength).join(''));
  return out;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Criteria are equalities/ranges on indexed fields. Narrowing: MongoDB Community has no substring index,
 * so each keyword of 3+ characters must have all its trigrams in the row's `grams` (multikey index,
 * the server picks it when the other criteria are less selective), and every keyword is then checked
 * exactly with an anchored-free regex on the folded text of the caller's shown columns.
 */
export function callbackQuery(filter: CallbackFilter): Document {
  const query: Document = {};
  const and: Document[] = [];
  if (filter.registeredFrom !== undefined || filter.registeredBefore !== undefined) {
    query.registeredAt = {
      ...(filter.registeredFrom !== undefined ? { $gte: filter.registeredFrom } : {}),
      ...(filter.registeredBefore !== undefined ? { $lt: filter.registeredBefore } : {}),
    };
  }
  const equal = (field: string, value: string | null | undefined) => {
    if (value !== undefined) query[field] = value;
  };
  equal('callCenter', filter.callCenter);
  equal('businessLabel', filter.businessLabel);
  equal('agent', filter.agent);
  equal('status', filter.status);
  equal('callerNumber', filter.callerNumber);
  equal('ourNumber', filter.ourNumber);
  equal('requestId', filter.requestId);
  if (filter.keywords.length > 0) {
    const columns = [...new Set(filter.columns)].filter((c) => c !== 'recording');
    if (columns.length === 0) return { _id: { $in: [] } };
    const grams = new Set(filter.keywords.flatMap(trigrams));
    if (grams.size > 0) query.grams = { $all: [...grams] };
    for (const keyword of filter.keywords) {
      const pattern = escapeRegex(keyword);
      and.push({ $or: columns.map((column) => ({ [`text.${column}`]: { $regex: pattern } })) });
    }
  }
  if (and.length > 0) query.$and = and;
  return query;
}

export function callbackSort(sort: CallbackSort): Document {
  const direction = sort === 'registeredAt' ? 1 : -1;
  return { registeredAt: direction, _id: direction };
}

/** One index per criterion (and two usual combinations), each ending in the sort keys so a filtered page needs no in-memory sort. */
export const callbackIndexes: Document[] = [
  { registeredAt: -1, _id: -1 },
  { callCenter: 1, registeredAt: -1, _id: -1 },
  { businessLabel: 1, registeredAt: -1, _id: -1 },
  { agent: 1, registeredAt: -1, _id: -1 },
  { status: 1, registeredAt: -1, _id: -1 },
  // Combinations of the usual work list (same as the SQLite adapter): open callbacks of one call center or
  // agent (or unassigned) over a period, without filtering a single-criterion index row by row.
  { agent: 1, status: 1, registeredAt: -1, _id: -1 },
  { callCenter: 1, status: 1, registeredAt: -1, _id: -1 },
  { callerNumber: 1, registeredAt: -1, _id: -1 },
  { ourNumber: 1, registeredAt: -1, _id: -1 },
  { requestId: 1 },
  { grams: 1 },
];
