// Correlation (in alerts) groups alerts into incidents through these; this module owns
// incidents, incident_keys and incident_subjects.
export {
  deleteIncidentKeys,
  deleteKeys,
  findCandidateIncidents,
  findIncidentForSplit,
  findIncidentsHoldingKeys,
  growIncidents,
  insertIncidentKeys,
  insertIncidents,
  insertIncidentSubjects,
  replaceIncidentKeys,
  replaceIncidentSubjects,
} from './grouping.repo.ts';
export { listIncidents } from './incidents.service.ts';
export { canViewIncidents } from './incidents.policy.ts';
