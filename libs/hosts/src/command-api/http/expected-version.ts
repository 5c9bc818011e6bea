import { DomainError } from '#domain';

/**
 * Optimistic concurrency is asked for with `If-Match: "<version>"` or a body `expectedVersion`.
 * Both given and different is a contradiction and refused.
 */
export function expectedVersionOf(ifMatch: string | undefined, bodyVersion: number | undefined | null): number | null {
  const fromHeader = parseIfMatch(ifMatch);
  const fromBody = bodyVersion ?? null;
  if (fromHeader !== null && fromBody !== null && fromHeader !== fromBody) {
    throw DomainError.validation([{ field: 'expectedVersion', message: 'differs from the If-Match header' }]);
  }
  return fromHeader ?? fromBody;
}

function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw DomainError.validation([{ field: 'If-Match', message: 'must be a version number such as "3"' }]);
  return Number(match[1]);
}
