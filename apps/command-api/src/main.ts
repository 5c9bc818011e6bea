import { createCommandApi } from './create-command-api.js';
import { startCommandApi } from './start-command-api.js';

// The command API as its own process. `npm start` runs the all-in-one process instead.
await startCommandApi(createCommandApi);
