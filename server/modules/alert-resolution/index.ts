export {
  settleIncidents,
  syncAlertResolution,
  type ResolutionCause,
  type ResolutionScope,
} from './alert-resolution.service.ts';
