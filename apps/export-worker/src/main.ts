import { bootExportWorker } from '#hosts';

// Only boots the host; the wiring lives in libs/hosts/src/export-worker.
await bootExportWorker();
