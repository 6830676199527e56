export * from './permissions.ts';
export * from './actor.ts';
