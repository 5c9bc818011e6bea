import Database from 'better-sqlite3';
import { createSqliteReadStore } from '#read-store';
const file = '/work/bench-dataset/read-store.sqlite';
const store = createSqliteReadStore({ filename: file });
const dayMs = 86400000;
const isoDate = (ms) => new Date(ms + 9*3600000).toISOString().slice(0, 10);
const day = isoDate(Date.now() - 100 * dayMs);
const monthStart = isoDate(Date.parse(`${day}T00:00:00Z`) - 29 * dayMs);
const cases = {
  alone: { q: '０９０１２３' },
  combo: { q: '０９０１２３', from: monthStart, to: day, status: 'incomplete' },
};
for (const [name, criteria] of Object.entries(cases)) {
  const times = [];
  let total;
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    try { total = (await store.ports.callbackSearch.search({ criteria, page: 1, pageSize: 50, cap: 10000 })).total; } catch (e) { total = String(e.name); }
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(name, total, 'p50', times[15].toFixed(2), 'p95', times[28].toFixed(2));
}
await store.close();
