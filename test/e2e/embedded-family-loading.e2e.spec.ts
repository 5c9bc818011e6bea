import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ChildApp } from '../support/child-app.js';

interface ThreadCensus {
  isMainThread: boolean;
  packages: string[];
  files: string[];
}

/** The clients of the production family: loaded only when EVENTSTORE_URL / MONGO_URL / REDIS_URL is set. */
const productionClients = ['@eventstore/db-client', 'mongodb', 'ioredis', 'bull', '@nestjs/bull'];
/** What only the HTTP API uses: the server, the OpenAPI document, uploads and downloads of recordings. */
const httpOnly = ['fastify', '@nestjs/platform-fastify', '@nestjs/swagger', '@fastify/static', 'file-type', 'archiver'];

describe('npm start on the embedded family', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('loads no production-family client in any thread, and no HTTP code in the read-side thread', async () => {
    const [dataDir, censusDir] = await Promise.all([
      mkdtemp(path.join(os.tmpdir(), 'orikaeshi-loading-')),
      mkdtemp(path.join(os.tmpdir(), 'orikaeshi-census-')),
    ]);
    dirs.push(dataDir, censusDir);
    const app = ChildApp.start('apps/all-in-one/src/main.js', {
      DATA_DIR: dataDir,
      PORT: '0',
      NODE_OPTIONS: `--import ${pathToFileURL(path.resolve('test/support/module-census.mjs')).href}`,
      MODULE_CENSUS_DIR: censusDir,
    });
    const [, url] = await app.waitForOutput(/running on (http:\/\/\S+)/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await app.stop()).toEqual({ code: 0, signal: null });

    const threads: ThreadCensus[] = await Promise.all(
      (await readdir(censusDir)).map(async (file) => JSON.parse(await readFile(path.join(censusDir, file), 'utf8'))),
    );
    const api = threads.find((thread) => thread.isMainThread)!;
    const readSide = threads.find((thread) => thread.files.some((file) => file.endsWith('/read-side.thread.js')))!;
    // The census sees what each thread does load, so the absences below mean something.
    expect(api.packages).toEqual(expect.arrayContaining(['fastify', '@nestjs/swagger', 'better-sqlite3']));
    expect(readSide.packages).toEqual(expect.arrayContaining(['@nestjs/core', 'better-sqlite3', 'csv-stringify']));

    for (const thread of threads) {
      expect(thread.packages.filter((name) => productionClients.includes(name))).toEqual([]);
    }
    expect(readSide.packages.filter((name) => httpOnly.includes(name))).toEqual([]);
  });
});
