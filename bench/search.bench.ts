import Database from 'better-sqlite3';
import { type SearchCriteria, defaultSystemSettings } from '#domain';
import { SearchLimitExceededError, createSqliteReadStore } from '#read-store';
import { agents, businessLabels, callCenters, ourNumbers, seedCallback } from './support/callback-data.js';
import { callbackDataset } from './support/dataset.js';
import { dayMs } from './support/read-store-seed.js';
import { type BenchResult, envNumber, fmt, newResult, percentile, scaled } from './support/report.js';

interface SearchCase {
  name: string;
  criteria: SearchCriteria;
  /** The hand-written equivalent over `c` (the active callbacks table). */
  where: string;
  params: unknown[];
  /** Set when `where` uses the full-text table. */
  fullText?: boolean;
}

const jstOffsetMs = 9 * 60 * 60 * 1000;
const isoDate = (ms: number) => new Date(ms + jstOffsetMs).toISOString().slice(0, 10);
/** Start of a JST calendar day as the stored UTC text. */
const jstDayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - jstOffsetMs).toISOString();
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);

/**
 * A default account's list shows every column but receivedAt and recording. Its text columns are in the
 * full-text table (`t_*`, folded); the others are matched on their values (the bench's values are their
 * own folded text) and the status on its label.
 */
const shownTextColumns = ['t_id', 't_registeredAt', 't_callerNumber', 't_requestId', 't_memo'];
const shownValues = [
  'c.agent',
  'c.call_center',
  'c.business_label',
  'c.our_number',
  `CASE c.status WHEN 'complete' THEN '完了' ELSE '未完了' END`,
];
const shownTexts = [...shownTextColumns.map((c) => `c.${c}`), ...shownValues];
const anyColumnHolds = `(${shownTexts.map((c) => `instr(${c}, ?) > 0`).join(' OR ')})`;
const keywordParams = (keyword: string) => shownTexts.map(() => keyword);
const ftsMatch = (keyword: string) => `{${shownTextColumns.join(' ')}} : "${keyword}"`;

/**
 * The indexed lookup of one keyword by hand: the full-text table, the rows of the values that hold it,
 * and the caller numbers (all `090` + 8 digits here, indexed in full text from the 4th digit) that hold
 * it within their first three digits.
 */
function indexedKeyword(keyword: string): { where: string; params: unknown[] } {
  const branches = [`c.rowid IN (SELECT rowid FROM TEXT_TABLE WHERE TEXT_TABLE MATCH ?)`];
  const params: unknown[] = [ftsMatch(keyword)];
  const values = (column: string, all: readonly string[]) => {
    const matching = all.filter((value) => value.includes(keyword));
    if (matching.length === 0) return;
    branches.push(`${column} IN (${matching.map(() => '?').join(', ')})`);
    params.push(...matching);
  };
  values('c.agent', agents);
  values('c.call_center', callCenters);
  values('c.business_label', businessLabels);
  values('c.our_number', ourNumbers);
  values(
    'c.status',
    Object.entries({ complete: '完了', incomplete: '未完了' })
      .filter(([, label]) => label.includes(keyword))
      .map(([status]) => status),
  );
  if (/^[0-9]+$/.test(keyword)) {
    for (const head of ['', '0', '09']) {
      branches.push('(c.caller_number >= ? AND c.caller_number < ?)');
      params.push(head + keyword, `${head}${keyword}:`);
    }
  }
  return { where: `(${branches.join(' OR ')})`, params };
}

function searchCases(callbacks: number): SearchCase[] {
  const day = isoDate(Date.now() - 100 * dayMs);
  const weekStart = isoDate(Date.parse(`${day}T00:00:00Z`) - 6 * dayMs);
  const monthStart = isoDate(Date.parse(`${day}T00:00:00Z`) - 29 * dayMs);
  const range = (from: string) => [jstDayStart(from), jstDayStart(nextDate(day))];
  const sample = seedCallback(Math.floor(callbacks * 0.37), callbacks, 0, 1);
  const callerNumber = sample.data.callerNumber ?? '09012345678';
  const requestId = `bench-${Math.floor(callbacks * 0.77)}`;
  return [
    {
      name: 'from/to (1 day)',
      criteria: { from: day, to: day },
      where: 'c.registered_at >= ? AND c.registered_at < ?',
      params: range(day),
    },
    {
      name: 'from/to (30 days)',
      criteria: { from: monthStart, to: day },
      where: 'c.registered_at >= ? AND c.registered_at < ?',
      params: range(monthStart),
    },
    {
      name: 'callCenter',
      criteria: { callCenter: callCenters[2] },
      where: 'c.call_center = ?',
      params: [callCenters[2]],
    },
    {
      name: 'businessLabel',
      criteria: { businessLabel: businessLabels[5] },
      where: 'c.business_label = ?',
      params: [businessLabels[5]],
    },
    { name: 'agent', criteria: { agent: agents[7] }, where: 'c.agent = ?', params: [agents[7]] },
    { name: "agent '-' (unassigned)", criteria: { agent: '-' }, where: 'c.agent IS NULL', params: [] },
    { name: 'status=incomplete', criteria: { status: 'incomplete' }, where: 'c.status = ?', params: ['incomplete'] },
    { name: 'status=complete', criteria: { status: 'complete' }, where: 'c.status = ?', params: ['complete'] },
    { name: 'callerNumber', criteria: { callerNumber }, where: 'c.caller_number = ?', params: [callerNumber] },
    { name: 'ourNumber', criteria: { ourNumber: ourNumbers[3] }, where: 'c.our_number = ?', params: [ourNumbers[3]] },
    { name: 'requestId', criteria: { requestId }, where: 'c.request_id = ?', params: [requestId] },
    {
      name: 'narrowing: 30 days + callCenter + incomplete + unassigned',
      criteria: { from: monthStart, to: day, callCenter: callCenters[4], status: 'incomplete', agent: '-' },
      where: 'c.registered_at >= ? AND c.registered_at < ? AND c.call_center = ? AND c.agent IS NULL AND c.status = ?',
      params: [...range(monthStart), callCenters[4], 'incomplete'],
    },
    {
      name: 'narrowing: 7 days + callCenter + q "ター01"',
      criteria: { from: weekStart, to: day, callCenter: callCenters[1], q: 'ター01' },
      where: `c.registered_at >= ? AND c.registered_at < ? AND c.call_center = ? AND ${anyColumnHolds}`,
      params: [...range(weekStart), callCenters[1], ...keywordParams('ター01')],
    },
    {
      name: 'q "ター01" alone (3+ chars)',
      criteria: { q: 'ター01' },
      ...indexedKeyword('ター01'),
      fullText: true,
    },
    {
      name: 'q full-width "０９０１２３"',
      criteria: { q: '０９０１２３' },
      ...indexedKeyword('090123'),
      fullText: true,
    },
    {
      name: 'q full-width "０９０１２３" + 30 days + incomplete',
      criteria: { q: '０９０１２３', from: monthStart, to: day, status: 'incomplete' },
      where: `c.registered_at >= ? AND c.registered_at < ? AND c.status = ? AND ${anyColumnHolds}`,
      params: [...range(monthStart), 'incomplete', ...keywordParams('090123')],
    },
  ];
}

/** 4. Search over the big callback view: each criterion alone and narrowing, adapter vs hand-written SQL. */
export async function searchBenchmark(): Promise<BenchResult> {
  const callbacks = scaled('BENCH_CALLBACKS', 1_000_000);
  const iterations = envNumber('BENCH_SEARCH_ITERATIONS', 40);
  const warmup = 3;
  const dataset = await callbackDataset(callbacks);
  const readStore = createSqliteReadStore({ filename: dataset.file });
  const raw = new Database(dataset.file);
  raw.pragma('cache_size = -65536'); // the adapter's own cache size
  const generation = (raw.prepare("SELECT value FROM meta WHERE key = 'active'").get() as { value: string }).value;
  const table = `callbacks_g${generation}`;
  const textTable = `callbacks_fts_g${generation}`;

  // The product's own search cap (検索上限): a search matching more is refused (422) after a count that
  // stops at cap + 1, and the raw SQL does the same bounded count before reading a page.
  const cap = envNumber('BENCH_SEARCH_CAP', defaultSystemSettings.searchCap);
  const rows: { name: string; total: number; rawTotal: number; adapter: number[]; raw: number[] }[] = [];
  for (const search of searchCases(callbacks)) {
    const where = search.where.replaceAll('TEXT_TABLE', textTable);
    const count = raw.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} c WHERE ${where} LIMIT ?)`);
    const page = raw.prepare(
      `SELECT c.view FROM ${table} c WHERE ${where} ORDER BY c.registered_at DESC, c.id DESC LIMIT 50 OFFSET 0`,
    );
    const runRaw = () => {
      const { n } = count.get(...search.params, cap + 1) as { n: number };
      if (n > cap) return { total: -1, items: [] };
      const items = (page.all(...search.params) as { view: string }[]).map((row) => JSON.parse(row.view) as unknown);
      return { total: n, items };
    };
    const runAdapter = async () => {
      try {
        return await readStore.ports.callbackSearch.search({ criteria: search.criteria, page: 1, pageSize: 50, cap });
      } catch (error) {
        if (error instanceof SearchLimitExceededError) return { total: -1, items: [] };
        throw error;
      }
    };
    const times = { adapter: [] as number[], raw: [] as number[] };
    let total = -1;
    let rawTotal = -1;
    for (let i = 0; i < warmup + iterations; i++) {
      // Alternate which goes first so neither always finds the pages the other just read.
      const order = i % 2 === 0 ? (['adapter', 'raw'] as const) : (['raw', 'adapter'] as const);
      for (const which of order) {
        const started = performance.now();
        if (which === 'adapter') total = (await runAdapter()).total;
        else rawTotal = runRaw().total;
        if (i >= warmup) times[which].push(performance.now() - started);
      }
    }
    rows.push({ name: search.name, total, rawTotal, ...times });
  }
  raw.close();
  await readStore.close();

  const result = newResult(
    'search',
    `Search over ${callbacks.toLocaleString('en-US')} callbacks (page 1 of 50, search cap ${cap.toLocaleString('en-US')})`,
  );
  result.parameters = {
    callbacks,
    events: dataset.events,
    iterations,
    warmup,
    pageSize: 50,
    cap,
    seedMs: dataset.seedMs,
  };
  result.details = rows.map((row) => ({
    query: row.name,
    matches: row.total,
    rawMatches: row.rawTotal,
    adapter: { p50: percentile(row.adapter, 50), p95: percentile(row.adapter, 95), max: Math.max(...row.adapter) },
    raw: { p50: percentile(row.raw, 50), p95: percentile(row.raw, 95), max: Math.max(...row.raw) },
  }));
  result.notes.push(
    `adapter = readStore.search({ criteria, page: 1, pageSize: 50, cap: ${cap} }) as GET /callbacks runs it; raw = the same bounded count (LIMIT cap + 1) and first page with better-sqlite3 on the same file, same cache size.`,
    'A search matching more than the cap is refused (422 SEARCH_LIMIT_EXCEEDED, pointing to the asynchronous search): its time is the time to find that out.',
  );
  for (const row of rows) {
    if (row.total !== row.rawTotal)
      result.notes.push(`${row.name}: adapter total ${row.total} ≠ raw count ${row.rawTotal}`);
    const p95 = percentile(row.adapter, 95);
    const rawP95 = percentile(row.raw, 95);
    result.rows.push({
      benchmark: '4. search',
      metric: `${row.name} — p95, ${row.total < 0 ? `over the cap: 422` : `${row.total.toLocaleString('en-US')} matches`}`,
      value: fmt.ms(p95),
      baseline: `${fmt.ms(rawP95)} (raw SQL)`,
      ratio: fmt.ratio(p95 / rawP95),
      target: '≤ 20 ms',
      pass: p95 <= 20,
    });
  }
  return result;
}
