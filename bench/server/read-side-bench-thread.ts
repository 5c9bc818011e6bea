import type { RecordedEvent } from '#event-store';
import type { ProjectionStore } from '#read-store';
import { runReadSide } from '#hosts';
import { percentile } from '../support/report.js';
import type { LagSummary, SweepReport } from './protocol.js';

/**
 * The bench server's read-side thread: the product's (runReadSide), plus a probe where the projector
 * applies events, since that is the only place an event's store→view delay can be seen once the projector
 * runs beside the API instead of in its event loop. `lagStart` / `lagStop` bracket the measured load; a
 * sweep that deleted something is sent to the API thread as a `sweep` notice.
 */
const lags = new Map<string, number[]>();
let recording = false;

/** Wraps the projection store so every event's store→view delay is measured where the projector applies it. */
function measuring(projectionStore: ProjectionStore): ProjectionStore {
  return new Proxy(projectionStore, {
    get(target, property, receiver) {
      if (property === 'applyEvents') {
        return async (name: string, events: readonly RecordedEvent[], applyOptions?: { target?: string }) => {
          const result = await target.applyEvents(name as never, events, applyOptions as never);
          if (recording && (applyOptions?.target ?? 'active') === 'active') {
            const now = Date.now();
            let samples = lags.get(name);
            if (!samples) lags.set(name, (samples = []));
            for (const event of events) samples.push(now - event.recordedAt.getTime());
          }
          return result;
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

await runReadSide({
  projectionStore: measuring,
  methods: ({ projector, notify }) => {
    const sweep = projector.sweeper.sweep.bind(projector.sweeper);
    projector.sweeper.sweep = async () => {
      const startedAt = Date.now();
      const deleted = await sweep();
      if (deleted > 0) notify('sweep', { deleted, startedAt, finishedAt: Date.now() } satisfies SweepReport);
      return deleted;
    };
    let statusTimer: NodeJS.Timeout | null = null;
    let statusLags: number[] = [];
    let maxBehindHead = 0n;
    return {
      lagStart: () => {
        lags.clear();
        recording = true;
        statusLags = [];
        maxBehindHead = 0n;
        statusTimer = setInterval(() => {
          void projector.status().then((status) => {
            for (const runner of status) {
              statusLags.push(runner.lagMs);
              if (BigInt(runner.behindHead) > maxBehindHead) maxBehindHead = BigInt(runner.behindHead);
            }
          });
        }, 20);
      },
      lagStop: async (): Promise<LagSummary> => {
        if (statusTimer) clearInterval(statusTimer);
        await projector.waitUntilCaughtUp(120_000);
        recording = false;
        const all = [...lags.values()].flat();
        return {
          events: all.length,
          p50: percentile(all, 50),
          p99: percentile(all, 99),
          max: all.reduce((m, v) => Math.max(m, v), 0),
          byProjection: Object.fromEntries(
            [...lags].map(([name, samples]) => [
              name,
              {
                events: samples.length,
                p50: percentile(samples, 50),
                p99: percentile(samples, 99),
                max: samples.reduce((m, v) => Math.max(m, v), 0),
              },
            ]),
          ),
          maxBehindHead: String(maxBehindHead),
          statusLagP99: percentile(statusLags, 99),
        };
      },
    };
  },
});
