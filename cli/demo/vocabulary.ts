/** Names, people and phrases of the demo data set; scenarios live in scenarios.ts. */

export const DEMO_DOMAIN = 'demo.casefile.local';
/** The one password of every demo account; printed at the end of the run. */
export const DEMO_PASSWORD = 'casefile-demo-2026';

export type DemoRole = 'viewer' | 'analyst' | 'investigator' | 'admin' | 'guest';

export interface DemoAccountSpec {
  name: string;
  email: string;
  role: DemoRole;
}

const account = (name: string, local: string, role: DemoRole): DemoAccountSpec => ({
  name,
  email: `${local}@${DEMO_DOMAIN}`,
  role,
});

export const demoAccounts: readonly DemoAccountSpec[] = [
  account('Morgan Reyes', 'morgan.reyes', 'admin'),
  account('Priya Natarajan', 'priya.natarajan', 'analyst'),
  account('Tomás Ferreira', 'tomas.ferreira', 'analyst'),
  account('Chloé Martin', 'chloe.martin', 'analyst'),
  account('Kwame Mensah', 'kwame.mensah', 'analyst'),
  account('Hannah Becker', 'hannah.becker', 'investigator'),
  account('Samuel Okafor', 'samuel.okafor', 'investigator'),
  account('Elena Petrova', 'elena.petrova', 'investigator'),
  account('Oliver Grant', 'oliver.grant', 'viewer'),
  account('Aisha Rahman', 'aisha.rahman', 'guest'),
];

/** The monitored organisation: people under investigation are subjects, never accounts. */
export const ORG_DOMAIN = 'northwind.example';

export const subjectFirstNames = [
  'Julien',
  'Marta',
  'Daniel',
  'Sofia',
  'Lukas',
  'Amara',
  'Ravi',
  'Ingrid',
  'Mateo',
  'Yuki',
  'Grace',
  'Omar',
  'Nina',
  'Patrick',
  'Leila',
  'Victor',
  'Hana',
  'Connor',
  'Zanele',
  'Felix',
  'Isabel',
  'Arjun',
  'Maeve',
  'Dmitri',
  'Carmen',
  'Ethan',
  'Ngozi',
  'Pablo',
  'Freya',
  'Samir',
] as const;

export const subjectLastNames = [
  'Moreau',
  'Kowalski',
  'Lindqvist',
  'Haddad',
  'Brennan',
  'Oyelaran',
  'Iyer',
  'Sato',
  'Novak',
  'Castillo',
  'Fischer',
  'Adeyemi',
  'Walsh',
  'Romano',
  'Chowdhury',
  'Dubois',
  'Jansen',
  'Park',
  'Silva',
  'Murphy',
  'Tanaka',
  'Vargas',
  'Nielsen',
  'Hughes',
  'Mbeki',
  'Schmidt',
  'Rossi',
] as const;

export const departments = [
  { name: 'Finance', code: 'FIN', site: 'Finance-Quarterly-Close' },
  { name: 'Engineering', code: 'ENG', site: 'Platform-Architecture' },
  { name: 'Sales', code: 'SLS', site: 'Key-Accounts-EMEA' },
  { name: 'Human Resources', code: 'HR', site: 'HR-Compensation-Review' },
  { name: 'Research & Development', code: 'RND', site: 'Product-Roadmap-2027' },
  { name: 'Legal', code: 'LGL', site: 'Contracts-Repository' },
  { name: 'Marketing', code: 'MKT', site: 'Campaign-Assets' },
  { name: 'Customer Support', code: 'SUP', site: 'Customer-Escalations' },
  { name: 'Procurement', code: 'PRC', site: 'Supplier-Pricing' },
  { name: 'IT Operations', code: 'ITO', site: 'Infrastructure-Runbooks' },
] as const;

export const jobTitles = [
  'Senior Accountant',
  'Software Engineer',
  'Account Executive',
  'HR Specialist',
  'Research Scientist',
  'Paralegal',
  'Product Marketing Manager',
  'Support Lead',
  'Buyer',
  'Systems Administrator',
  'Data Analyst',
  'Engineering Manager',
] as const;

export const places = [
  'São Paulo, Brazil',
  'Lagos, Nigeria',
  'Singapore',
  'Moscow, Russia',
  'Hanoi, Vietnam',
  'Bucharest, Romania',
  'Toronto, Canada',
  'Dubai, UAE',
  'Jakarta, Indonesia',
  'Kyiv, Ukraine',
] as const;

export const malwareFamilies = [
  'Emotet',
  'QakBot',
  'AgentTesla',
  'RedLine Stealer',
  'Cobalt Strike beacon',
  'AsyncRAT',
  'IcedID',
  'Lumma Stealer',
] as const;

export const fileNames = [
  'customer_master_2026.xlsx',
  'pricing_model_v7.xlsm',
  'payroll_export_q1.csv',
  'roadmap_confidential.pptx',
  'source_backup.zip',
  'merger_due_diligence.pdf',
  'supplier_contracts.zip',
  'design_specs_rev4.docx',
] as const;

/** Comments any member might write on any case. */
export const genericComments = [
  'Picked this up. Reviewing the alert details and the timeline now.',
  'Checked with the service desk: no open ticket explains this activity.',
  'Manager has been informed and asked to keep this confidential for now.',
  'Pulled the last 30 days of activity for the subject; nothing similar before this week.',
  'Raised priority: the volume is well above the department baseline.',
  'Waiting on the HR partner for the employment status before going further.',
  'No further alerts in the last 48 hours.',
  'Handing over to the investigation team for the interview preparation.',
  'Correlated with two earlier DLP alerts on the same account.',
  'Legal asked us to preserve everything collected so far.',
] as const;

/** Markdown comments, for the activity log's rendering. */
export const markdownComments = [
  '**Summary so far**\n\n- Alert confirmed as genuine\n- Subject identified\n- Evidence preserved\n\nNext: interview request via HR.',
  'Timeline reconstructed from the sign-in logs:\n\n1. 08:02 sign-in from the usual device\n2. 08:15 bulk access to the shared site\n3. 08:41 upload to an unmanaged destination',
  'Hash of the collected file: `3f1c9a…e07b`. Matches the one in the EDR detection.',
  '> "I was only backing up my own work."\n\nStatement from the subject during the call, noted verbatim.',
  '### Containment\n\n- [x] Session revoked\n- [x] Password reset forced\n- [ ] Device returned to IT',
  'Query used for the hunt:\n\n```\nDeviceFileEvents | where ActionType == "FileCopied" and FolderPath startswith "E:\\\\"\n```',
] as const;

/** What the guest (an HR partner) writes when invited into a case. */
export const guestComments = [
  'HR here: the employee handed in their notice two weeks ago; last day is at the end of the month.',
  'No performance or disciplinary procedure is open for this person.',
  'I can arrange a meeting with the manager and the employee on Thursday.',
  'Please keep me posted before any contact with the employee; the works council must be informed.',
] as const;

export const taskClosingNotes = {
  completed: [
    'Done; findings attached to the case notes.',
    'Completed. Nothing unexpected found.',
    'Done with the help of IT Operations.',
    'Finished; evidence exported and hashed.',
  ],
  skipped: [
    'Not needed: the alert was explained before we got here.',
    'Skipped, covered by the previous task.',
  ],
  failed: [
    'Could not complete: the device has been wiped and reissued.',
    'Logs for that period are past their retention; nothing to collect.',
  ],
  partially_completed: [
    'Partly done: mailbox export finished, OneDrive export still blocked by a hold.',
    'Interview held with the manager only; the employee is on leave.',
  ],
} as const;

export const reopenReasons = [
  'New alert on the same subject; reopening to investigate together with this one.',
  'Legal requested additional evidence before the disciplinary hearing.',
  'The subject disputed the outcome; reviewing the evidence again.',
  'Closed too early: one of the tasks was still pending with IT.',
] as const;
