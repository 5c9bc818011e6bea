// Hosts: the Nest wiring of each process role. `apps/*/src/main.ts` only boot one of these.
import 'reflect-metadata';

export * from './command-api/command-api.module.js';
export * from './command-api/create-command-api.js';
export * from './command-api/start-command-api.js';
export * from './command-api/auth/account-directory.js';
export * from './command-api/issue-admin-token.js';
export { Permit } from './command-api/auth/auth.guard.js';
export * from './command-api/callbacks/callback-id.js';
export * from './command-api/callbacks/callback-commands.dto.js';
export * from './command-api/http/body.js';
export * from './command-api/http/command-http.js';
export * from './command-api/operations/health-checks.js';
export * from './projector/projector.js';
export * from './projector/boot-projector.js';
export * from './projector/dispatch/async-search-dispatcher.js';
export * from './projector/dispatch/dispatch-checkpoint.js';
export * from './export-worker/start-export-worker.js';
export * from './export-worker/boot-export-worker.js';

export * from './all-in-one/start-orikaeshi.js';
// bootAllInOne has an entry of its own (`#hosts/all-in-one`, all-in-one.ts): see there.
export * from './all-in-one/start-all-in-one.js';
export * from './all-in-one/read-side/read-side-thread.js';
export * from './all-in-one/read-side/read-side-thread.module.js';
export * from './all-in-one/read-side/run-read-side.js';
export * from './platform/platform.module.js';
export * from './platform/http-host.js';
export * from './platform/close-on-signals.js';
export * from './projector/projector.module.js';
export * from './export-worker/export-worker.module.js';
export * from './all-in-one/demo-seed.js';
export * from './command-api/live-events/live-event-hub.provider.js';
