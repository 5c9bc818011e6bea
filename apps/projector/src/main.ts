import { bootProjector } from '#hosts';

// Only boots the host; the wiring lives in libs/hosts/src/projector.
await bootProjector();
