export {
  casesCoveringIncidents,
  deleteLink,
  insertLinks,
  linkedCaseNumbers,
  linksOf,
  type CoveringCaseRow,
  type LinkKind,
  type LinkRow,
} from './case-links.repo.ts';
export {
  alertsCoveredBy,
  caseCoversAlert,
  caseCoversIncident,
  closedCase,
  incidentsCoveredBy,
  isIncidentLinked,
  openCase,
} from './coverage.ts';
