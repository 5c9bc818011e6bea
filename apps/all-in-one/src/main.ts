import { bootAllInOne } from '#hosts';

// Only boots the host; the wiring lives in libs/hosts/src/all-in-one.
await bootAllInOne();
