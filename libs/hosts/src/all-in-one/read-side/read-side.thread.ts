// The entry of the all-in-one process's read-side thread (started by ReadSideThread).
import { runReadSide } from './run-read-side.js';

await runReadSide();
