import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateToken } from '#runtime';
import type { BenchServerOptions, FromServer, LagSummary, SweepReport, ToServer } from '../server/protocol.js';

const serverScript = fileURLToPath(new URL('../server/bench-server.js', import.meta.url));

/** The bench server in its own process (own event loop, own core), so load generator and server never share one. */
export class ServerProcess {
  private readonly waiting = new Map<FromServer['type'], (message: FromServer) => void>();
  readonly sweeps: SweepReport[] = [];
  private sweepListener: ((report: SweepReport) => void) | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
    readonly adminToken: string,
    readonly ready: Extract<FromServer, { type: 'ready' }>,
  ) {
    child.on('message', (message: FromServer) => this.receive(message));
  }

  static async start(options: Partial<BenchServerOptions> = {}): Promise<ServerProcess> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'orikaeshi-bench-'));
    const adminToken = generateToken();
    const full: BenchServerOptions = {
      dataDir,
      adminToken,
      liveCallbacks: 0,
      expiredCallbacks: 0,
      productionFamily: false,
      ...options,
    };
    // BENCH_CPU_PROF_DIR=dir profiles the server (node --cpu-prof) to find what limits a benchmark.
    const profileDir = process.env.BENCH_CPU_PROF_DIR;
    const child = fork(serverScript, [], {
      execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(full) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<Extract<FromServer, { type: 'ready' }>>((resolve, reject) => {
      child.on('message', (message: FromServer) => {
        if (message.type === 'ready') resolve(message);
        if (message.type === 'error') reject(new Error(`bench server failed: ${message.message}`));
      });
      child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    return new ServerProcess(child, dataDir, adminToken, ready);
  }

  get url(): string {
    return this.ready.url;
  }

  private receive(message: FromServer): void {
    if (message.type === 'sweep') {
      this.sweeps.push(message.report);
      this.sweepListener?.(message.report);
      return;
    }
    this.waiting.get(message.type)?.(message);
    this.waiting.delete(message.type);
  }

  private request<Type extends FromServer['type']>(
    message: ToServer,
    reply: Type,
  ): Promise<Extract<FromServer, { type: Type }>> {
    return new Promise((resolve) => {
      this.waiting.set(reply, resolve as (message: FromServer) => void);
      this.child.send(message);
    });
  }

  startLag(): void {
    this.child.send({ type: 'lag-start' } satisfies ToServer);
  }

  async stopLag(): Promise<LagSummary> {
    return (await this.request({ type: 'lag-stop' }, 'lag')).summary;
  }

  /** Resolves with the next sweep that deleted something. */
  nextSweep(timeoutMs: number): Promise<SweepReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sweep within ${timeoutMs} ms`)), timeoutMs);
      this.sweepListener = (report) => {
        clearTimeout(timer);
        this.sweepListener = null;
        resolve(report);
      };
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop' } satisfies ToServer);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
