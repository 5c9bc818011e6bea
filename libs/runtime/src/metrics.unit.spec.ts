import { describe, expect, it } from '@jest/globals';
import { Metrics } from './metrics.js';

// The all-in-one process runs its read side in a worker thread with a registry of its own; one scrape of
// the API's /metrics shows both.
describe('Metrics of several threads', () => {
  it('adds the series both threads have and keeps those only one has', async () => {
    const api = new Metrics();
    const readSide = new Metrics({ defaultMetrics: false });
    readSide.watchProjections({
      status: async () => [{ name: 'callbacks', lagMs: 7, behindHead: '3' }],
    });
    api.commands.inc({ type: 'RegisterCallback', outcome: 'appended' }, 2);
    readSide.commands.inc({ type: 'RegisterCallback', outcome: 'appended' });
    readSide.exportDuration.observe({ outcome: 'succeeded' }, 0.3);
    api.mergeThread(() => readSide.snapshot());

    const { body, contentType } = await api.exposition();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('orikaeshi_commands_total{type="RegisterCallback",outcome="appended"} 3');
    expect(body).toContain('orikaeshi_projection_lag_milliseconds{projection="callbacks"} 7');
    expect(body).toContain('orikaeshi_projection_behind_head{projection="callbacks"} 3');
    expect(body).toContain('orikaeshi_export_duration_seconds_count{outcome="succeeded"} 1');
    expect(body).toMatch(/orikaeshi_process_start_time_seconds \d+/);
  });

  it('still answers when the other thread does not', async () => {
    const api = new Metrics();
    api.commands.inc({ type: 'AssignAgent', outcome: 'appended' });
    api.mergeThread(() => Promise.reject(new Error('the thread is gone')));
    const { body } = await api.exposition();
    expect(body).toContain('orikaeshi_commands_total{type="AssignAgent",outcome="appended"} 1');
  });
});
