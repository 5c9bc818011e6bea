// `#hosts/all-in-one`: what `npm start` boots, apart from `#hosts` so that importing it loads almost nothing
// before the read-side thread is spawned (see bootAllInOne).
export { bootAllInOne } from './all-in-one/boot-all-in-one.js';
