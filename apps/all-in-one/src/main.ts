import { bootAllInOne } from '#hosts/all-in-one';

// Only boots the host; the wiring lives in libs/hosts/src/all-in-one.
await bootAllInOne();
