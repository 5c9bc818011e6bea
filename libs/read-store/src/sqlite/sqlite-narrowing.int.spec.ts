import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { type CallbackColumn, type CallbackEvent, type SearchCriteria, callbackColumns } from '#domain';
import type { RecordedEvent } from '#event-store';
import { callbackMatchText } from '../callback-text.js';
import type { CallbackView } from '../callback-view.js';
import { RecordedEvents, registration } from '../recorded-events.fixture.js';
import { type Narrowing, matchesFilter, toCallbackFilter } from '../search-filter.js';
import type { CallbackSearch } from '../projections/callback-search.port.js';
import { SqliteCallbackSearch } from './sqlite-callback-search.js';
import { type SqliteReadStore, createSqliteReadStore } from './sqlite-read-store.js';
import { type TableNames, tableNames } from './sqlite-schema.js';

const timeZone = 'Asia/Tokyo';

/** Park–Miller, seeded: the same callbacks and keywords every run. */
function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return {
    int: (bound: number) => Math.floor(next() * bound),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const callerNumbers = [
  '09012345678',
  '09001234567',
  '08090123456',
  '0901230000',
  '0312345678',
  '+819012345678',
  '+81312340123',
  '123',
  '0',
  // Not the form the command side writes (it stores digits): indexed whole, folded on the way.
  '０９０-１２３４-５６７８',
  '090x123abc',
  null,
];
const agents = [null, 'suzuki', 'Suzuki Taro', 'ＳＡＴＯ', 'ｵﾍﾟﾚｰﾀｰ01', 'オペレーター012', 'tanaka090123'];
const centers = ['東京センター', '大阪', 'ＡＢＣ窓口', 'abc090'];
const labels = [null, 'sales', '業務01 製品', 'VIP'];
const ourNumbers = ['0120111222', '0120999888', '0312340123'];
const memos = ['ＶＩＰ顧客 折り返し希望', 'call 090-1234 later', 'abc123', 'Ｔａｎａｋａ様', '完了済み'];

/** Every kind of event that changes a callback's shown text, on callbacks of every shape above. */
function callbackEvents(count: number): RecordedEvent[] {
  const r = random(20261201);
  const recorded = new RecordedEvents();
  const events: RecordedEvent[] = [];
  const add = (id: string, event: CallbackEvent) => events.push(recorded.callback(id, event));
  for (let i = 0; i < count; i++) {
    const id = `cb-${String(i).padStart(3, '0')}-${r.int(1e6).toString(16)}`;
    const registeredAt = new Date(Date.UTC(2024, 4, 1) + r.int(40 * 86_400) * 1000).toISOString();
    add(
      id,
      registration(id, {
        requestId: r.chance(0.5) ? `REQ-${i}` : `req-090123-${i}`,
        registeredAt,
        receivedAt: new Date(Date.parse(registeredAt) - r.int(600) * 1000).toISOString(),
        callCenter: r.pick(centers),
        businessLabel: r.pick(labels),
        callerNumber: r.pick(callerNumbers),
        ourNumber: r.pick(ourNumbers),
      }),
    );
    const agent = r.pick(agents);
    if (agent !== null) add(id, { type: 'AgentAssigned', data: { callbackId: id, agent } });
    if (r.chance(0.4)) add(id, { type: 'MemoEdited', data: { callbackId: id, memo: r.pick(memos) } });
    if (r.chance(0.15)) add(id, { type: 'MemoEdited', data: { callbackId: id, memo: '' } });
    if (r.chance(0.4)) {
      add(id, { type: 'CallbackCompleted', data: { callbackId: id, completedAt: '2024-06-20T00:00:00.000Z' } });
    }
    if (r.chance(0.1)) add(id, { type: 'CallbackReopened', data: { callbackId: id } });
    if (r.chance(0.1)) {
      const recording = { recordingId: `rec-${i}`, recordingBlobKey: `blob-${i}`, contentType: 'audio/wav' };
      add(id, { type: 'RecordingLinked', data: { callbackId: id, ...recording, extension: 'wav', byteSize: 10 } });
    }
    if (agent !== null && r.chance(0.2)) add(id, { type: 'AgentUnassigned', data: { callbackId: id } });
  }
  return events;
}

/** Keywords of every kind: phone digits at every offset, values, labels, dates, ids, and pieces of rows. */
function keywordsFor(views: readonly CallbackView[]): string[] {
  const r = random(7);
  const fixed = [
    '０９０１２３',
    '090123',
    '0123',
    '9012',
    '901',
    '1234',
    '123',
    '012',
    '+81',
    '+8190',
    '8190',
    '0000',
    '０９０－１２３',
    '090-12',
    'x12',
    '0120',
    '2340123',
    'ター01',
    'ｵﾍﾟﾚｰﾀｰ',
    'suzuki',
    'SUZ',
    'ｓａｔｏ',
    '未完了',
    '完了',
    '東京',
    'abc',
    'ＶＩＰ',
    'vip 折り返し',
    '2024-05',
    '05-1',
    ':00',
    '1 1',
    'req-090',
    'cb-01',
    '12',
    '0',
    'ab',
    'zzz',
  ];
  const pieces: string[] = [];
  for (let i = 0; i < 40; i++) {
    const text = callbackMatchText(r.pick(views), timeZone);
    const column = r.pick(callbackColumns.filter((c) => c !== 'recording'));
    const shown = text[column];
    if (shown.length < 3) continue;
    const length = 3 + r.int(Math.min(6, shown.length - 2));
    const from = r.int(shown.length - length + 1);
    const piece = shown.slice(from, from + length).trim();
    if (piece !== '' && !/\s/.test(piece)) pieces.push(piece);
  }
  return [...fixed, ...pieces];
}

const columnChoices: (readonly CallbackColumn[] | undefined)[] = [
  undefined,
  callbackColumns,
  ['callerNumber'],
  ['agent', 'status'],
  ['id', 'memo', 'ourNumber', 'receivedAt'],
];

const criteriaChoices: SearchCriteria[] = [{}, { status: 'incomplete' }, { callCenter: '大阪', from: '2024-05-10' }];

describe('SQLite narrowing gives the rows of the reference semantics', () => {
  let dataDir: string;
  let store: SqliteReadStore;
  let views: CallbackView[];
  let keywords: string[];

  const expected = (criteria: SearchCriteria, narrowing: Narrowing) => {
    const filter = toCallbackFilter(criteria, narrowing, timeZone);
    return views
      .filter((view) => matchesFilter(view, callbackMatchText(view, timeZone), filter))
      .sort((a, b) =>
        a.registeredAt === b.registeredAt ? (a.id < b.id ? 1 : -1) : a.registeredAt < b.registeredAt ? 1 : -1,
      )
      .map((view) => view.id);
  };
  /** Every keyword alone and in pairs, under each column choice and criteria. */
  async function expectReferenceResults(search: CallbackSearch = store): Promise<number> {
    const searched = async (criteria: SearchCriteria, narrowing: Narrowing) =>
      (await search.search({ criteria, narrowing, page: 1, pageSize: 1000, cap: 1000 })).items.map((view) => view.id);
    const streamed = async (criteria: SearchCriteria, narrowing: Narrowing) => {
      const ids: string[] = [];
      for await (const view of search.stream(criteria, narrowing)) ids.push(view.id);
      return ids;
    };
    let checked = 0;
    for (const columns of columnChoices) {
      for (const criteria of criteriaChoices) {
        for (let i = 0; i < keywords.length; i++) {
          const pair = `${keywords[i]}\u3000${keywords[(i * 7 + 3) % keywords.length]}`;
          for (const text of [keywords[i], pair]) {
            const narrowing = { keywords: text, columns };
            const want = expected(criteria, narrowing);
            expect({ text, columns, criteria, ids: await searched(criteria, narrowing) }).toEqual({
              text,
              columns,
              criteria,
              ids: want,
            });
            checked += want.length;
          }
        }
      }
    }
    for (const text of keywords.slice(0, 12)) {
      expect(await streamed({}, { keywords: text })).toEqual(expected({}, { keywords: text }));
    }
    return checked;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'orikaeshi-narrowing-'));
    store = createSqliteReadStore({ dataDir, displayTimeZone: timeZone });
    const events = callbackEvents(400);
    // Small batches: most events update rows written by an earlier batch, as a live projector does.
    for (let i = 0; i < events.length; i += 37) await store.applyEvents('callbacks', events.slice(i, i + 37));
    views = [];
    for await (const view of store.stream({})) views.push(view);
    keywords = keywordsFor(views);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every keyword in exactly the rows whose shown text holds it', async () => {
    expect(views).toHaveLength(400);
    // The comparison is only as good as its matches: most keywords must find rows.
    expect(await expectReferenceResults()).toBeGreaterThan(20_000);
  });

  it('gives the same rows when the keywords are looked up through the indexes behind criteria', async () => {
    // With no candidate left to scan, every search with criteria takes the plan of a million rows: the
    // keywords' rows as a set, its matches counted and paged in one statement.
    const db = new Database(join(dataDir, 'read-store.sqlite'));
    try {
      const generation = Number(
        (db.prepare("SELECT value FROM meta WHERE key = 'active'").get() as { value: string }).value,
      );
      const read = <T>(body: (t: TableNames) => T): T => db.transaction(() => body(tableNames(generation)))();
      const search = new SqliteCallbackSearch(db, timeZone, (sql) => db.prepare(sql), read, 0);
      await expectReferenceResults(search);
      // Paging and the cap, on the plan whose count and page are one statement.
      const criteria = { status: 'incomplete' } as const;
      const narrowing = { keywords: '090' };
      const want = expected(criteria, narrowing);
      expect(want.length).toBeGreaterThan(20);
      const pages = await Promise.all(
        [1, 2, 3].map((page) => search.search({ criteria, narrowing, page, pageSize: 10, cap: 1000 })),
      );
      expect(pages.map((p) => p.total)).toEqual([want.length, want.length, want.length]);
      expect(pages.flatMap((p) => p.items.map((view) => view.id))).toEqual(want.slice(0, 30));
      const beyond = await search.search({ criteria, narrowing, page: 99, pageSize: 10, cap: 1000 });
      expect(beyond).toEqual({ items: [], total: want.length });
      const oldestFirst = await search.search({
        criteria,
        narrowing,
        sort: 'registeredAt',
        page: 1,
        pageSize: 5,
        cap: 1000,
      });
      expect(oldestFirst.items.map((view) => view.id)).toEqual(want.slice(-5).reverse());
      await expect(
        search.search({ criteria, narrowing, page: 1, pageSize: 10, cap: want.length - 1 }),
      ).rejects.toMatchObject({
        cap: want.length - 1,
        matchedAtLeast: want.length,
      });
    } finally {
      db.close();
    }
  });

  it('gives the same rows after a rebuild, whose indexes are built once its rows are in', async () => {
    const events = callbackEvents(400);
    const loaded = Math.floor(events.length * 0.8);
    await store.beginRebuild();
    await store.applyEvents('callbacks', events.slice(0, loaded), { target: 'rebuild' });
    await store.indexRebuild?.();
    // The final catch-up writes to the indexed generation: assignments, memo edits, completions.
    for (let i = loaded; i < events.length; i += 25) {
      await store.applyEvents('callbacks', events.slice(i, i + 25), { target: 'rebuild' });
    }
    await store.commitRebuild();
    await expectReferenceResults();
  });

  it('gives the same rows on a store written by the previous layout, upgraded when opened', async () => {
    await store.close();
    // The previous layout: every column's folded text in the row and in `callbacks_text_g<n>`, the
    // recording only in the view's JSON.
    const db = new Database(join(dataDir, 'read-store.sqlite'));
    const generation = Number(
      (db.prepare("SELECT value FROM meta WHERE key = 'active'").get() as { value: string }).value,
    );
    const table = `callbacks_g${generation}`;
    const older = ['agent', 'status', 'callCenter', 'businessLabel', 'ourNumber'];
    db.exec(`DROP INDEX ${table}_linked_recording; ALTER TABLE ${table} DROP COLUMN recording;`);
    for (const column of older) db.exec(`ALTER TABLE ${table} ADD COLUMN t_${column} TEXT NOT NULL DEFAULT ''`);
    db.exec(`
      DROP TABLE callbacks_fts_g${generation};
      CREATE VIRTUAL TABLE callbacks_text_g${generation} USING fts5(t_id, content='', contentless_delete=1);
      CREATE INDEX ${table}_recording ON ${table} (registered_at, id) WHERE json_extract(view, '$.recording') IS NOT NULL;
    `);
    db.close();
    store = createSqliteReadStore({ dataDir, displayTimeZone: timeZone });
    await expectReferenceResults();
    const linked = views.filter((view) => view.recording !== null);
    expect(linked.length).toBeGreaterThan(10);
    expect((await store.findLinkedRecordings()).map((row) => row.callbackId).sort()).toEqual(
      linked.map((view) => view.id).sort(),
    );
  });
});
