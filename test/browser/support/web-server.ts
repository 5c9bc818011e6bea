import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const webDir = join(process.cwd(), 'dist', 'web');

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built page (`npm run build` → dist/web) with `vite preview` under /ui/ (routes fall back to
 * index.html) and forwards the API paths to `apiBaseUrl`, so the page and the API share one origin as in
 * production. Vite runs as a child process: its native bindings do not load inside jest's VM.
 * Once the API serves /ui/ itself, tests can point the browser at the API directly.
 */
export async function startWebServer(apiBaseUrl: string): Promise<WebServer> {
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`${webDir}/index.html is missing: run npm run build first`);
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js'),
      'preview',
      '--config',
      join(process.cwd(), 'apps', 'web', 'vite.config.ts'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
    ],
    { env: { ...process.env, WEB_PREVIEW_API: apiBaseUrl, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`vite preview exited (${code}): ${output}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
