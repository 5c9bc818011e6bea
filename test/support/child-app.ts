import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The whole environment of an embedded e2e child: PATH, a quiet log level and what the test names, never
 * the parent's variables. CI sets EVENTSTORE_URL and MONGO_URL for the contract suites; a child that
 * inherited them would pick the production family and the embedded scenario would time out.
 */
export function childEnvironment(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env };
}

/** A built entry point run as a child process, as an operator would run it. */
export class ChildApp {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** `entry` is relative to `dist/` (or an absolute path to a script). */
  static start(entry: string, env: Record<string, string>, args: string[] = []): ChildApp {
    const script = path.resolve('dist', entry);
    if (!existsSync(script)) throw new Error(`${script} is missing: npm test builds it first (pretest)`);
    const child = spawn(process.execPath, [script, ...args], {
      env: childEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ChildApp(child);
  }

  /** Waits (bounded) for a line of output matching `pattern`; fails with what the process said. */
  async waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = (this.stdout + this.stderr).match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null)
        throw new Error(`exited (${this.child.exitCode}) before ${pattern}: ${this.stderr}${this.stdout}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms: ${this.stderr}${this.stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
