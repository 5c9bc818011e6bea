import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BenchResult, newResult } from './support/report.js';

/** First-load JavaScript of the built screen: the entry script and the chunks index.html preloads. */
export interface WebBundleSize {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
  budgetBytes: number;
}

export const firstLoadBudgetBytes = 200 * 1024;

export function measureWebBundle(webDir = join(process.cwd(), 'dist', 'web')): WebBundleSize {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) sources.add(match[1]);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) sources.add(match[1]);
  if (sources.size === 0) throw new Error(`no script in ${join(webDir, 'index.html')}: build the page first`);
  const files = [...sources].map((source) => {
    const file = source.replace(/^\/ui\//, '');
    const bytes = readFileSync(join(webDir, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), budgetBytes: firstLoadBudgetBytes };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The runner's row: what a browser downloads before the first screen, gzipped, against 200 KB. */
export function webBundleBenchmark(): BenchResult {
  const size = measureWebBundle();
  const result = newResult('web-bundle-size', 'first-load JavaScript of the screen (gzip -9)', 'screen (dist/web)');
  result.parameters = { webDir: 'dist/web', gzipLevel: 9 };
  result.rows.push({
    benchmark: '7. screen bundle',
    metric: `first-load JavaScript, gzipped (${size.files.length} files)`,
    value: kib(size.gzipBytes),
    baseline: '–',
    ratio: '–',
    target: `≤ ${kib(size.budgetBytes)}`,
    pass: size.gzipBytes <= size.budgetBytes,
  });
  result.details = size;
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = measureWebBundle(process.argv[2]);
  for (const file of size.files) console.log(`${file.file}\t${kib(file.bytes)}\tgzip ${kib(file.gzipBytes)}`);
  const verdict = size.gzipBytes <= size.budgetBytes ? 'within' : 'OVER';
  console.log(`first-load JavaScript: ${kib(size.gzipBytes)} gzipped (${verdict} the ${kib(size.budgetBytes)} budget)`);
  if (size.gzipBytes > size.budgetBytes) process.exitCode = 1;
}
