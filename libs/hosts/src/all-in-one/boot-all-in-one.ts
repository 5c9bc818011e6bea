import 'reflect-metadata';
import { ReadSideThread } from './read-side/read-side-thread.js';

/**
 * `npm start` (and `npm run demo`). The read-side thread is spawned before the API's code is loaded: each
 * thread then loads its own (a second or more of module loading each) at the same time, on two cores,
 * instead of one after the other. So this module imports nothing else statically; see runAllInOne.
 */
export async function bootAllInOne(): Promise<void> {
  const readSide = ReadSideThread.spawn();
  const { runAllInOne } = await import('./run-all-in-one.js');
  await runAllInOne(readSide);
}
