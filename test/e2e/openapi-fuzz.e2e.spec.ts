import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Fuzzes every route and method of the OpenAPI document (`/docs-json`): bodies generated from the
 * documented JSON schemas with hostile values mixed in at every level, hostile raw bodies (deep nesting,
 * huge numbers, invalid UTF-8, lone surrogates, long strings), query strings, path parameters and
 * headers. Two figures must stay at zero: responses ≥ 500, and events appended by a refused request
 * (the event store's head position is read before and after every request).
 */

interface KnownDefect {
  /** What the request looks like; the excuse applies only to a ≥ 500 answer to such a request. */
  matches: (request: FuzzRequest) => boolean;
  why: string;
}

// FIXME(after refactor): these live in apps/ (issue 14 §6) and are fixed once the refactor has landed.
// Only a 5xx of a request matching an entry is excused; everything else is asserted in full. Empty this
// list with the fix.
const knownDefects: KnownDefect[] = [
  {
    matches: (request) => request.bodyKind === 'deep-nesting',
    why: 'deeply nested JSON → 500 (unbounded recursion in the body check); must be 400',
  },
];

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

interface Operation {
  method: string;
  path: string;
  queryNames: string[];
  body?: Schema;
}

interface FuzzRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  bodyKind: string;
  body?: Buffer;
}

// api.md's query keys of the routes that read one; the document names only `q` so far.
const searchKeys = ['from', 'to', 'status', 'callerNumber', 'ourNumber', 'agent', 'callCenter', 'q', 'requestId'];
const apiQueryNames: Record<string, string[]> = {
  'GET /callbacks': [...searchKeys, 'page', 'pageSize', 'sort'],
  'GET /callbacks.csv': [...searchKeys, 'encoding', 'sort'],
  'GET /stats/callbacks': ['from', 'to', 'groupBy'],
};
const queryNamesOf = (operation: Operation) => [
  ...operation.queryNames,
  ...(apiQueryNames[`${operation.method} ${operation.path}`] ?? ['access_token']),
];

const longString = 'あ'.repeat(20_000);
const hostileStrings = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  longString,
  '9999-12-31',
  '0000-01-01T00:00:00Z',
  '2026-02-30',
  '+81 90-1234-5678',
  '=cmd|" /C calc"!A0',
  '__proto__',
  '１２３',
];
const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, ...hostileStrings, {
    __proto__: { polluted: true },
  }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
);

function fromSchema(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const documented = documentedValue(schema);
  return fc.oneof({ arbitrary: documented, weight: 4 }, { arbitrary: hostileJsonValue, weight: 1 });
}

function documentedValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (schema === undefined) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(fromSchema));
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {}).map(([key, value]) => [key, fromSchema(value)]);
      return fc.record(Object.fromEntries(properties) as Record<string, fc.Arbitrary<unknown>>, {
        requiredKeys: schema.required ?? [],
      });
    }
    case 'array':
      return fc.array(fromSchema(schema.items), { maxLength: 5 });
    case 'string':
      return fc.oneof(
        fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 40) }),
        fc.constantFrom('2026-11-20T01:02:03Z', '2026-11-20', '09012345678', '+81312345678', 'agent', 'utf-8'),
      );
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e9, -1e9), max: Math.min(schema.maximum ?? 1e9, 1e9) });
    case 'number':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

/** Bodies no schema describes: each a kind the known-defects table can name. */
function hostileBody(field: string): fc.Arbitrary<{ bodyKind: string; body: Buffer }> {
  const kinds: Record<string, Buffer[]> = {
    'deep-nesting': [
      bytes('['.repeat(10_000), ']'.repeat(10_000)),
      bytes(`{"${field}":`.repeat(5_000), '1', '}'.repeat(5_000)),
    ],
    'huge-number': [bytes(`{"${field}":1e999999}`), bytes(`{"${field}":123456789012345678901234567890}`)],
    'invalid-utf8': [
      bytes(`{"${field}":"`, [0xff, 0xfe, 0xc3], '"}'),
      bytes(`{"${field}":"a`, [0xed, 0xa0, 0x80], '"}'),
    ],
    'lone-surrogate-escape': [bytes(`{"${field}":"\\ud800"}`), bytes(`{"${field}":"\\udc00x"}`)],
    'long-string': [bytes(JSON.stringify({ [field]: 'x'.repeat(200_000) }))],
    'not-json': [bytes('not json'), bytes(''), bytes('null'), bytes('"text"'), bytes('{"a":1,}'), bytes('{"a":1}{')],
  };
  return fc.constantFrom(
    ...Object.entries(kinds).flatMap(([bodyKind, list]) => list.map((body) => ({ bodyKind, body }))),
  );
}

/** Percent-encodes text as UTF-8; lone surrogates (which encodeURIComponent refuses) become U+FFFD. */
const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

const rawSegments = ['%FF', '%ED%A0%80', '%', '%zz', '..', '%2e%2e%2f', 'x'.repeat(3_000), '%00'];

function pathValue(known: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(known), weight: 3 },
    { arbitrary: fc.uuid().map(String), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(percentEncode), weight: 1 },
    { arbitrary: fc.constantFrom(...rawSegments), weight: 1 },
  );
}

const queryValue: fc.Arbitrary<string> = fc.oneof(
  {
    // Values a route reads, edges of their ranges included.
    arbitrary: fc.constantFrom(
      '2026-11-01',
      '2026-11-30T00:00:00Z',
      '9999-12-31',
      '0000-01-01',
      '0099-12-31T00:00:00Z',
      '2101-01-01',
      'incomplete',
      'shift_jis',
      'callCenter',
      '2',
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(...hostileStrings.map(percentEncode), '%FF', '%ED%A0%80', '%', '1e999', '-1', '0'),
    weight: 1,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(percentEncode), weight: 1 },
);

/** Mostly keys the route knows (so a hostile value gets past the key check), sometimes an unknown one. */
function queryString(names: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...names), weight: 5 },
    { arbitrary: fc.string({ maxLength: 8 }).map(percentEncode), weight: 1 },
  );
  return fc
    .array(fc.tuple(key, queryValue), { maxLength: 3 })
    .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&'));
}

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
/** No extra header most of the time (so requests reach the handlers), else one hostile header. */
const headers: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  {
    arbitrary: fc.oneof(
      fc.record({
        'if-match': fc.oneof(
          fc.constantFrom('"0"', '"1"', 'W/"1"', '*', 'garbage', '"-1"', '"99999999999999999999"'),
          headerValue,
        ),
      }),
      fc.record({
        'content-type': fc.constantFrom('text/plain', 'application/json; charset=latin1', 'application/xml'),
      }),
      fc.record({ accept: fc.constantFrom('text/csv', '*/*', 'image/png') }),
      fc.record({ authorization: fc.oneof(fc.constantFrom('Bearer ', 'Basic YTpi', 'Bearer oks_nope'), headerValue) }),
      fc.record({ 'x-forwarded-for': headerValue }),
    ),
    weight: 2,
  },
);

function requests(operation: Operation, known: { callbackId: string; asyncSearchId: string }) {
  const id = operation.path.startsWith('/async-searches') ? known.asyncSearchId : known.callbackId;
  const hasBody = operation.method !== 'GET' && operation.method !== 'DELETE';
  const field = Object.keys(operation.body?.properties ?? { memo: {} })[0];
  const body = hasBody
    ? fc.oneof(
        {
          arbitrary: fromSchema(operation.body).map((value) => ({
            bodyKind: 'generated',
            body: Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'),
          })),
          weight: 4,
        },
        { arbitrary: hostileBody(field), weight: 1 },
      )
    : fc.constant({ bodyKind: 'none', body: undefined });
  return fc
    .record({
      id: pathValue(id),
      query: queryString(queryNamesOf(operation)),
      headers,
      body,
    })
    .map((parts): FuzzRequest => ({
      method: operation.method,
      path: operation.path.replace('{id}', parts.id),
      query: parts.query,
      headers: parts.headers,
      ...parts.body,
    }));
}

function operationsOf(document: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        queryNames: (operation.parameters ?? [])
          .filter((parameter: { in: string }) => parameter.in === 'query')
          .map((parameter: { name: string }) => parameter.name),
        body: operation.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

const describeRequest = (request: FuzzRequest) =>
  `${request.method} ${request.path.slice(0, 120)}?${request.query.slice(0, 120)} [${request.bodyKind}] ` +
  `${JSON.stringify(request.headers).slice(0, 200)} ${request.body?.subarray(0, 120).toString('utf8') ?? ''}`;

describe('fuzzing every route of the OpenAPI document', () => {
  let t: TestApp;
  let operations: Operation[];
  const known = { callbackId: '', asyncSearchId: '' };
  const excused: string[] = [];

  beforeAll(async () => {
    // No export worker: then only HTTP requests append events, so the head position measures them.
    t = await startTestApp({ exportWorker: false });
    const document = await t.anonymous.get('/docs-json');
    operations = operationsOf(document.body);
    known.callbackId = (await t.admin.post('/callbacks', registration())).body.id;
    known.asyncSearchId = (await t.admin.post('/async-searches', { criteria: {} })).body.id;
    expect(known.callbackId).toBeTruthy();
    expect(known.asyncSearchId).toBeTruthy();
  });
  afterAll(async () => {
    if (excused.length > 0) console.warn(`fuzz: ${excused.length} known-defect 5xx excused (FIXME list)`);
    await t.close();
  });

  async function send(request: FuzzRequest) {
    const url = `${t.admin.baseUrl}${request.path}${request.query ? `?${request.query}` : ''}`;
    const headers = { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json', ...request.headers };
    const response = await fetch(url, { method: request.method, headers, body: request.body });
    // A live event stream never ends: its status is the answer.
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
    else await response.arrayBuffer();
    return response.status;
  }

  it('has operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  /** Throws (fast-check reports the request) for a 5xx not in the known defects, or a refusal that wrote. */
  async function check(request: FuzzRequest) {
    const before = await t.eventStore.headPosition();
    const status = await send(request);
    const after = await t.eventStore.headPosition();
    if (status >= 500) {
      if (knownDefects.some((defect) => defect.matches(request))) excused.push(describeRequest(request));
      else throw new Error(`${status} for ${describeRequest(request)}`);
    }
    if (status >= 400 && after !== before)
      throw new Error(`refused (${status}) but appended events: ${describeRequest(request)}`);
  }

  it('answers every hostile body kind on every body route without a 5xx or a write', async () => {
    for (const operation of operations.filter((op) => op.method !== 'GET' && op.method !== 'DELETE')) {
      const field = Object.keys(operation.body?.properties ?? { memo: {} })[0];
      const id = operation.path.startsWith('/async-searches') ? known.asyncSearchId : known.callbackId;
      const all = fc.sample(hostileBody(field), { numRuns: 200, seed: 1 });
      const distinct = [...new Map(all.map((body) => [body.body.toString('latin1'), body])).values()];
      for (const body of distinct)
        await check({
          method: operation.method,
          path: operation.path.replace('{id}', id),
          query: '',
          headers: {},
          ...body,
        });
    }
  });

  it('answers no generated or hostile request with a 5xx, and no refused request appends an event', async () => {
    for (const operation of operations) {
      await fc.assert(fc.asyncProperty(requests(operation, known), check), { numRuns: 60, endOnFailure: true });
    }
  });
});
