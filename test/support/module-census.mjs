// Preloaded into a child process under test (NODE_OPTIONS=--import …, so every thread runs it): when a
// thread ends, it writes which packages it loaded code from, and which of the project's files, to
// `$MODULE_CENSUS_DIR/thread-<id>.json`. The inspector lists every script the thread has parsed, ES modules
// and CommonJS alike.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { isMainThread, threadId } from 'node:worker_threads';

process.on('exit', () => {
  const urls = [];
  const session = new Session();
  session.connect();
  session.on('Debugger.scriptParsed', ({ params }) => urls.push(params.url));
  // Enabling the debugger reports each script parsed so far, before `post` returns.
  session.post('Debugger.enable');
  session.disconnect();
  const packages = new Set();
  const files = [];
  for (const url of urls) {
    const [, inPackage] = url.split(/.*\/node_modules\//);
    if (inPackage !== undefined) packages.add(/^(@[^/]+\/)?[^/]+/.exec(inPackage)[0]);
    else if (url.includes('/dist/')) files.push(url.slice(url.lastIndexOf('/dist/') + '/dist/'.length));
  }
  const census = { isMainThread, packages: [...packages].sort(), files: files.sort() };
  writeFileSync(`${process.env.MODULE_CENSUS_DIR}/thread-${threadId}.json`, JSON.stringify(census));
});
