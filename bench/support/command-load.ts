import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { callbackIdFor } from '#domain';
import { agents, callCenters, ourNumbers } from './callback-data.js';
import type { OpenLoopRequest } from './open-loop.js';

/**
 * The mixed command workload: each connection cycles register → assign → memo → complete. The three
 * commands on existing callbacks walk through the pre-registered `live-<i>` callbacks, so every request
 * lands on a callback that exists, and most of them append an event.
 */
export function mixedCommandRequests(prefix: string, liveCallbacks: number, runTag: string): AutocannonRequest[] {
  const liveIds = Array.from({ length: liveCallbacks }, (_, i) => callbackIdFor(`live-${i}`));
  let registrations = 0;
  let commands = 0;
  const nextTarget = () => liveIds[(commands++ * 7919) % liveIds.length];
  const receivedAt = new Date(Date.now() - 60_000).toISOString();
  return [
    {
      method: 'POST',
      setupRequest: (request) => {
        const n = registrations++;
        return {
          ...request,
          path: `${prefix}/callbacks`,
          body: JSON.stringify({
            requestId: `${runTag}-${n}`,
            receivedAt,
            callCenter: callCenters[n % callCenters.length],
            businessLabel: '製品サポート',
            callerNumber: `090-${String(1000 + (n % 9000))}-${String(1000 + ((n * 7) % 9000))}`,
            ourNumber: ourNumbers[n % ourNumbers.length],
          }),
        };
      },
    },
    {
      method: 'POST',
      setupRequest: (request) => ({
        ...request,
        path: `${prefix}/callbacks/${nextTarget()}/assign`,
        body: JSON.stringify({ agent: agents[commands % agents.length] }),
      }),
    },
    {
      method: 'PUT',
      setupRequest: (request) => ({
        ...request,
        path: `${prefix}/callbacks/${nextTarget()}/memo`,
        body: JSON.stringify({ memo: `折り返し希望 ${commands}: 午後3時以降に連絡` }),
      }),
    },
    {
      method: 'POST',
      setupRequest: (request) => ({ ...request, path: `${prefix}/callbacks/${nextTarget()}/complete`, body: '{}' }),
    },
  ];
}

export interface LoadRun {
  result: AutocannonResult;
  /** Completed requests per second over the run. */
  throughput: number;
  /** Per response: when it was sent (ms epoch) and how long it took (ms). */
  samples: { sentAt: number; latency: number; status: number }[];
}

export interface LoadOptions {
  url: string;
  token: string;
  requests: AutocannonRequest[];
  connections: number;
  seconds: number;
  overallRate?: number;
  /** Seconds before a request counts as timed out (default 30). */
  timeoutSeconds?: number;
  /** Stops the run early (e.g. when the sweep is over). */
  until?: Promise<unknown>;
}

export function runLoad(options: LoadOptions): Promise<LoadRun> {
  const samples: LoadRun['samples'] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: options.timeoutSeconds ?? 30,
        overallRate: options.overallRate,
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        requests: options.requests,
      },
      (error, result) => {
        if (error) return reject(error);
        const completed = result['2xx'] + result.non2xx;
        resolve({ result, throughput: completed / result.duration, samples });
      },
    );
    instance.on('response', (_client, status, _bytes, latency) => {
      samples.push({ sentAt: Date.now() - latency, latency, status });
    });
    void options.until?.then(() => instance.stop());
  });
}

/** The same workload as a sequence for the open-loop generator: request i is template i mod 4, filled in. */
export function commandSequence(requests: AutocannonRequest[]): (index: number) => OpenLoopRequest {
  return (index) => {
    const template = requests[index % requests.length];
    const request = template.setupRequest ? template.setupRequest({ ...template }, {}) : template;
    return { method: request.method ?? 'GET', path: request.path ?? '/', body: request.body ?? '' };
  };
}
