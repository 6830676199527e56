import type { SubjectQuery } from '../../api.ts';

/** The subjects page's state in the URL, so a search is a shareable link. */
export interface SubjectsSearch {
  q?: string;
  sort?: SubjectSortField;
  order?: 'asc' | 'desc';
}

export const subjectSortFields = [
  'name',
  'activityRiskScore',
  'alertCount',
  'lastActivityAt',
] as const;
export type SubjectSortField = (typeof subjectSortFields)[number];

export function parseSubjectsSearch(s: Record<string, unknown>): SubjectsSearch {
  const out: SubjectsSearch = {};
  if (typeof s.q === 'string' && s.q.trim() !== '') out.q = s.q.slice(0, 200);
  if (subjectSortFields.includes(s.sort as SubjectSortField)) out.sort = s.sort as SubjectSortField;
  if (s.order === 'asc' || s.order === 'desc') out.order = s.order;
  return out;
}

/** Highest activity risk first unless the URL says otherwise. */
export function toSubjectQuery(s: SubjectsSearch): SubjectQuery {
  const sort = s.sort ?? 'activityRiskScore';
  return {
    q: s.q,
    sort,
    order: s.order ?? (sort === 'name' ? 'asc' : 'desc'),
    limit: 50,
  };
}
