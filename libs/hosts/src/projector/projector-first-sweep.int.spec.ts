import { describe, expect, it } from '@jest/globals';
import { openSqliteEventStore } from '#event-store';
import { createSqliteReadStore } from '#read-store';
import { systemClock } from '#runtime';
import { Projector } from './projector.js';

// The first sweep after start waits (firstSweepDelayMs), so a backlog of expired callbacks does not take
// turns with the rest of the host's start-up; a stop before then cancels it.
describe('Projector: the first retention sweep', () => {
  const started = async (firstSweepDelayMs: number) => {
    const eventStore = openSqliteEventStore(':memory:');
    const readStore = createSqliteReadStore({ filename: ':memory:' });
    const projector = new Projector(eventStore, readStore.ports, systemClock, { firstSweepDelayMs });
    let sweeps = 0;
    const sweep = projector.sweeper.sweep.bind(projector.sweeper);
    projector.sweeper.sweep = async () => {
      sweeps += 1;
      return sweep();
    };
    await projector.start();
    const close = async () => {
      await projector.stop();
      await readStore.close();
      await eventStore.close();
    };
    return { sweeps: () => sweeps, close };
  };

  it('runs only after the delay, not during start()', async () => {
    const running = await started(100);
    expect(running.sweeps()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.sweeps()).toBe(1);
    await running.close();
  });

  it('does not run when the projector stops before the delay', async () => {
    const running = await started(100);
    await running.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.sweeps()).toBe(0);
  });
});
