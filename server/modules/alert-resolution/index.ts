export {
  syncAlertResolution,
  type ResolutionCause,
  type ResolutionScope,
} from './alert-resolution.service.ts';
