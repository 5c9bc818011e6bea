import { createCommandApi, startCommandApi } from '#hosts';

// The command API as its own process (the wiring lives in libs/hosts/src/command-api). `npm start` runs
// the all-in-one process instead.
await startCommandApi(createCommandApi);
