export { defaultSettings, loadWorkspaceSettings } from './settings.service.ts';
