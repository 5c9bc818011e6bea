import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiPaths = [
  '/accounts',
  '/async-searches',
  '/callbacks',
  '/events',
  '/recordings',
  '/sessions',
  '/settings',
  '/stats',
];

/**
 * Dev only: the backend has no browser sessions yet, so the dev server forwards API calls with a bearer
 * token from DEV_TOKEN. The built page never carries a token; it relies on the session cookie.
 */
function devProxy(): Record<string, ProxyOptions> {
  const target = process.env.DEV_API ?? 'http://127.0.0.1:3300';
  const token = process.env.DEV_TOKEN;
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return Object.fromEntries(apiPaths.map((path) => [path, { target, headers }]));
}

export default defineConfig(({ command, isPreview }) => ({
  root,
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      // Libraries mark their modules "use client" for server components; a client-only bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server:
    command === 'serve' && !isPreview ? { port: Number(process.env.WEB_PORT ?? 5173), proxy: devProxy() } : undefined,
}));
