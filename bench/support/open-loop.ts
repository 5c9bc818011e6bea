import http from 'node:http';

/** One request of an open-loop run: what to send. */
export interface OpenLoopRequest {
  method: string;
  path: string;
  body: string;
}

export interface OpenLoopSample {
  /** When the schedule said to send it (ms epoch). */
  scheduledAt: number;
  /** Response complete − scheduled send time (ms): waiting for a socket or for the generator counts. */
  latency: number;
  /** How late the generator itself put it on the wire (ms): its own timer slip, for judging the run. */
  sendDelay: number;
  /** HTTP status, or 0 for a socket error / timeout. */
  status: number;
  /** For status 0: the error's code (ECONNRESET, timeout, …). */
  error?: string;
}

export interface OpenLoopOptions {
  url: string;
  token: string;
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
  /** The i-th request of the schedule. */
  next: (index: number) => OpenLoopRequest;
  /** Sockets kept open at most; beyond that requests wait for one (the wait counts in their latency). */
  maxSockets?: number;
  timeoutSeconds?: number;
}

export interface OpenLoopRun {
  samples: OpenLoopSample[];
  scheduled: number;
  /** Completed requests per second over the schedule's length. */
  throughput: number;
  errors: number;
}

/**
 * An open-loop load: request i is due at start + i / rate whatever happened to the earlier ones, and its
 * latency counts from that due time, not from when it got a socket. A closed-loop tool (autocannon, even
 * with `overallRate`) sends the next request on a connection only after the previous answer, so a server
 * stall delays the requests that would have seen it and hides them from the percentiles (coordinated
 * omission). Here a stall shows: the requests due during it are sent anyway (on more sockets) or wait,
 * and both count from their due time.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
  const target = new URL(options.url);
  const timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const samples: OpenLoopSample[] = [];
  const inFlight = new Set<Promise<void>>();
  let errors = 0;

  // performance.now() for the schedule (monotonic); the epoch offset only labels samples for the lag window.
  const epochOffset = Date.now() - performance.now();
  const start = performance.now() + 50;

  const send = (index: number, dueAt: number) => {
    const request = options.next(index);
    const sentAt = performance.now();
    const done = new Promise<void>((resolve) => {
      let finished = false;
      const finish = (status: number, error?: Error) => {
        if (finished) return;
        finished = true;
        if (status === 0 || status >= 400) errors++;
        samples.push({
          scheduledAt: dueAt + epochOffset,
          latency: performance.now() - dueAt,
          sendDelay: sentAt - dueAt,
          status,
          ...(error ? { error: (error as NodeJS.ErrnoException).code ?? error.message } : {}),
        });
        resolve();
      };
      const body = Buffer.from(request.body);
      const outgoing = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.path,
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': 'application/json',
            'content-length': body.length,
          },
          timeout: timeoutMs,
        },
        (response) => {
          response.resume();
          response.on('end', () => finish(response.statusCode ?? 0));
          response.on('error', (error) => finish(0, error));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', (error) => finish(0, error));
      outgoing.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  let index = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes out, so a late timer sends a burst rather than fewer requests.
      while (index < total && start + index * intervalMs <= now) {
        send(index, start + index * intervalMs);
        index++;
      }
      if (index >= total) return resolve();
      setTimeout(tick, Math.max(0, start + index * intervalMs - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  agent.destroy();
  const completed = samples.filter((sample) => sample.status !== 0).length;
  return { samples, scheduled: total, throughput: completed / options.seconds, errors };
}
