export {
  createWorkspace,
  ensureDefaultWorkspace,
  ensureFirstAdmin,
  systemActor,
  DEFAULT_WORKSPACE_SLUG,
} from './workspaces.service.ts';
export { allocateCaseNumber } from './workspaces.repo.ts';
