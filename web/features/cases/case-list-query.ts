import { api, type CaseQuery } from '../../api.ts';
import { casesKey } from '../../query-keys.ts';

/** The query of one page of the case queue; shared by the page and the route's prefetch. */
export const caseListOptions = (query: CaseQuery, cursor: string | undefined) => ({
  queryKey: [...casesKey, 'list', query, cursor ?? null],
  queryFn: () => api.listCases({ ...query, cursor }),
});
