export {
  defaultSettings,
  loadWorkspaceSettings,
  seedWorkspaceSettings,
} from './settings.service.ts';
