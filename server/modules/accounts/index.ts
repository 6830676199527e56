export {
  loadActor,
  createAccountAs,
  updateAccountAs,
  toAccount,
  listAccounts,
  type AccountView,
  type NewAccount,
} from './accounts.service.ts';
export { authenticateSession, startSession, signIn } from './sessions.service.ts';
export { authenticateToken, createTokenFor } from './tokens.service.ts';
export {
  findAccountByEmail,
  findAccount,
  findRefs,
  countAccounts,
  insertRoles,
  listRoles as listRoleRows,
} from './accounts.repo.ts';
export { SignInThrottle } from './rate-limit.ts';
export { hashPassword } from './password.ts';
export { deleteExpiredSessions } from './sessions.repo.ts';
export { ActorCache, notifyAccountChanged } from './actor-cache.ts';
