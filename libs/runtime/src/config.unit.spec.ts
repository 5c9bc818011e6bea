import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration: connection strings are checked by the official clients', () => {
  it('accepts multi-host EventStoreDB and MongoDB strings (clusters and replica sets)', () => {
    const config = loadConfig({
      EVENTSTORE_URL: 'esdb://es-a:2113,es-b:2113,es-c:2113?tls=true&nodePreference=leader',
      MONGO_URL:
        'mongodb://user:secret@mongo-a:27017,mongo-b:27017,mongo-c:27017/orikaeshi?replicaSet=rs0&authSource=admin',
    });
    expect(config.eventStoreUrl).toBe('esdb://es-a:2113,es-b:2113,es-c:2113?tls=true&nodePreference=leader');
    expect(config.mongoUrl).toContain('mongo-a:27017,mongo-b:27017');
  });

  it('accepts discovery and SRV strings', () => {
    expect(() =>
      loadConfig({
        EVENTSTORE_URL: 'esdb+discover://cluster.example.com:2113',
        MONGO_URL: 'mongodb+srv://db.example.com/calls',
      }),
    ).not.toThrow();
  });

  it('refuses at start what the EventStoreDB client refuses, naming the variable', () => {
    for (const value of ['kurrentdb://localhost:2113', 'http://localhost:2113', 'esdb://']) {
      const problems = problemsOf({ EVENTSTORE_URL: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^EVENTSTORE_URL: not a connection string the EventStoreDB/);
    }
  });

  it('refuses at start what the MongoDB driver refuses, naming the variable', () => {
    for (const value of ['http://localhost:27017', 'mongodb://a:b:c', 'mongodb://localhost/?noSuchOption=1']) {
      const problems = problemsOf({ MONGO_URL: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^MONGO_URL: not a connection string the MongoDB/);
    }
  });
});

describe("the README's production connection strings", () => {
  it('are accepted by the configuration as written', () => {
    const readme = readFileSync(path.resolve('README.md'), 'utf8');
    const production = readme.slice(readme.indexOf('## Production'), readme.indexOf('## Benchmarks'));
    const shown = (name: string) => [...production.matchAll(new RegExp(`^${name}='([^']+)'`, 'gm'))].map((m) => m[1]);
    const [eventStore] = shown('EVENTSTORE_URL');
    const [mongo] = shown('MONGO_URL');
    expect(eventStore).toContain(',');
    expect(mongo).toContain(',');
    const config = loadConfig({ EVENTSTORE_URL: eventStore, MONGO_URL: mongo });
    expect([config.eventStoreUrl, config.mongoUrl]).toEqual([eventStore, mongo]);
  });
});

describe('PII_MASTER_KEY', () => {
  it('takes 32 bytes as base64 or hex and refuses anything else, naming the variable', () => {
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ PII_MASTER_KEY: base64 }).piiMasterKey).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({ PII_MASTER_KEY: 'ab'.repeat(32) }).piiMasterKey).toEqual(Buffer.alloc(32, 0xab));
    expect(loadConfig({}).piiMasterKey).toBeNull();
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), 'ab'.repeat(31)]) {
      expect(problemsOf({ PII_MASTER_KEY: bad })).toEqual([expect.stringMatching(/^PII_MASTER_KEY: must be 32 bytes/)]);
    }
  });
});
