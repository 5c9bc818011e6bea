/**
 * A batch's rows are read with one statement, not one per key: `WHERE id IN (SELECT value FROM
 * json_each(?))` bound to the keys as one JSON array is still one primary-key probe per key, without a
 * statement run per key from JavaScript. A rebuild asks for about 130,000 keys per view of 250,000 events
 * (almost all absent): about 0.3 s per view one by one, half of that batched.
 */
export const keyedRowsCondition = 'id IN (SELECT value FROM json_each(?))';

/** The parameter of `keyedRowsCondition`. */
export const keyedRowsParameter = (keys: readonly string[]): string => JSON.stringify(keys);
