import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '#runtime';
import { ReadSideThread } from './read-side-thread.js';

// Stand-ins for the read side's script that speak its protocol (thread-messages.ts) and then misbehave the
// way a real thread can: fail while opening its stores, or die later from an uncaught error.
const script = (body: string) =>
  new URL(`data:text/javascript,${encodeURIComponent(`import { parentPort } from 'node:worker_threads';\n${body}`)}`);

const servesThenCrashes = script(`
  parentPort.on('message', (message) => {
    if (message.method === 'crash') setTimeout(() => { throw new Error('out of luck in the read side'); });
    else parentPort.postMessage({ kind: 'reply', id: message.id, result: message.method });
  });
  parentPort.postMessage({ kind: 'ready' });
`);

const config = loadConfig({ DATA_DIR: '/nonexistent-orikaeshi', LOG_LEVEL: 'silent' });

describe('ReadSideThread', () => {
  it('refuses to start when the thread fails before it is ready, with its reason', async () => {
    const entry = script(`throw new Error('cannot open read-store.sqlite');`);
    await expect(ReadSideThread.start({ config, entry })).rejects.toThrow('cannot open read-store.sqlite');
  });

  it('reports a crash once it is running: its listeners hear why, and later calls fail instead of hanging', async () => {
    const thread = await ReadSideThread.start({ config, entry: servesThenCrashes });
    expect(await thread.call('status')).toBe('status');
    const crashed = new Promise<Error>((resolve) => thread.onCrash(resolve));
    void thread.call('crash').catch(() => undefined);
    expect((await crashed).message).toContain('out of luck in the read side');
    expect(thread.running).toBe(false);
    await expect(thread.health()).rejects.toThrow('out of luck in the read side');
    await thread.stop(); // nothing left to stop: resolves at once
  });

  it('stops a thread that does not end on its own after closing, without calling that a crash', async () => {
    // Answers `stop` but keeps a timer alive: the grace period ends and the thread is terminated.
    const entry = script(`
      setInterval(() => undefined, 1000);
      parentPort.on('message', (message) => parentPort.postMessage({ kind: 'reply', id: message.id }));
      parentPort.postMessage({ kind: 'ready' });
    `);
    const thread = await ReadSideThread.start({ config, entry, exitGraceMs: 100 });
    let crashed = false;
    thread.onCrash(() => (crashed = true));
    await thread.stop();
    expect(thread.running).toBe(false);
    expect(crashed).toBe(false);
  });
});
