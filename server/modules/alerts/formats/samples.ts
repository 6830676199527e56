/** Realistic sample documents of each format, written from the public schemas, for tests. */
export * from './samples/elastic.ts';
export * from './samples/graph.ts';
export * from './samples/ocsf.ts';

/** A homegrown HR-risk webhook body, read through a stored mapping. */
export const hrWebhook = {
  data: {
    case_ref: 'HR-2026-0117',
    summary: 'Resignation notice followed by bulk download',
    details: 'User downloaded 1,204 files from SharePoint within 2 hours of resigning.',
    level: 'Sev2',
    score: '74',
    at: '2026-03-02T16:40:00+01:00',
    user: { mail: 'ravi.patel@corp.example', displayName: 'Ravi Patel', dept: 'Sales' },
  },
};
