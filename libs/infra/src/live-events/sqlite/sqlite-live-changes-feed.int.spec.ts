import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { callbackChanged, describeLiveChangesFeedContract } from '../live-changes-feed.contract.js';
import { SqliteLiveChangesFeed } from './sqlite-live-changes-feed.js';

describeLiveChangesFeedContract('SQLite', async () => new SqliteLiveChangesFeed(new Database(':memory:')));

describe('SqliteLiveChangesFeed', () => {
  const now = new Date('2026-04-01T09:00:00.000Z');

  it("joins the caller's transaction: a view batch that fails announces nothing", () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE callbacks_view (id TEXT PRIMARY KEY, version INTEGER)');
    const feed = new SqliteLiveChangesFeed(db);
    const batch = db.transaction((fail: boolean) => {
      db.prepare('INSERT INTO callbacks_view VALUES (?, ?)').run('cb-1', 1);
      feed.append([callbackChanged('cb-1', 1)], now);
      if (fail) throw new Error('view write failed');
    });
    expect(() => batch(true)).toThrow('view write failed');
    expect(db.prepare('SELECT count(*) FROM live_changes').pluck().get()).toBe(0);

    batch(false);
    expect(db.prepare('SELECT count(*) FROM callbacks_view').pluck().get()).toBe(1);
    expect(db.prepare('SELECT seq FROM live_changes').pluck().all()).toEqual([1]);
  });

  it('is read by another connection to the same file (the API process tails what the projector writes)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'orikaeshi-feed-'));
    try {
      const writer = new Database(join(dir, 'read.sqlite'));
      writer.pragma('journal_mode = WAL');
      const projectorSide = new SqliteLiveChangesFeed(writer);
      const apiSide = new SqliteLiveChangesFeed(new Database(join(dir, 'read.sqlite')));
      projectorSide.append([callbackChanged('cb-9', 3)], now);
      expect((await apiSide.readAfter(0, 10)).map((change) => change.id)).toEqual(['cb-9']);
      expect(await apiSide.latestSeq()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
