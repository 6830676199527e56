export { createLiveHub, type LiveHub, type LiveHubOptions } from './hub.ts';
export { attachLiveHub } from './live.routes.ts';
export { toLiveEntries, type LiveEntry } from './entries.ts';
