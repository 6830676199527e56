import type { DismissCategory } from '../../contract/alerts.ts';
import { detections, hex, type Detection } from './detections.ts';
import type { Random } from './random.ts';
import { malwareFamilies } from './vocabulary.ts';

/**
 * What the demo's 90 days of alerts are made of: the detections of four sources (DLP, EDR,
 * sign-in protection and the mail gateway), the kinds of episode that become cases, the
 * routine ones that analysts dismiss, and the reasons they give.
 */

const MAIL = 'proofpoint-email';

/** The mail gateway, and an EDR detection naming malware: sources alert-day.ts does not have. */
const moreDetections: Detection[] = [
  {
    source: MAIL,
    title: 'Malicious attachment blocked',
    severity: 'low',
    risk: [15, 35],
    weight: 3,
    entities: (p, rng) => [
      { type: 'mailbox', value: p.email },
      { type: 'mailbox', value: `invoices@${rng.pick(['billing-notice.net', 'docs-share.info'])}` },
      { type: 'hash', value: hex(rng, 64) },
      {
        type: 'file',
        value: rng.pick(['Invoice_0424.pdf.exe', 'Payment_advice.html', 'scan.iso']),
      },
    ],
  },
  {
    source: MAIL,
    title: 'Bulk mail to external recipients',
    severity: 'informational',
    risk: [5, 20],
    weight: 2,
    entities: (p, rng) => [
      { type: 'mailbox', value: p.email },
      { type: 'url', value: `https://mailchi.mp/northwind/${hex(rng, 8)}` },
    ],
  },
  {
    source: 'defender-endpoint',
    title: 'Malware quarantined',
    severity: 'high',
    risk: [70, 90],
    weight: 1,
    entities: (p, rng) => [
      { type: 'host', value: p.host },
      { type: 'account', value: p.account },
      { type: 'malware', value: rng.pick(malwareFamilies) },
      { type: 'hash', value: hex(rng, 64) },
    ],
  },
];

export const allDetections: readonly Detection[] = [...detections, ...moreDetections];

export function detection(title: string): Detection {
  const found = allDetections.find((d) => d.title === title);
  if (!found) throw new Error(`demo: no detection "${title}"`);
  return found;
}

/** Alerts of a phishing campaign: the mail delivered, and the click of those who clicked. */
export const phishingMail = (domain: string): Omit<Detection, 'entities' | 'weight'> => ({
  source: MAIL,
  title: `Phishing mail delivered from ${domain}`,
  severity: 'medium',
  risk: [45, 65],
});
export const phishingClick: Omit<Detection, 'entities' | 'weight'> = {
  source: 'defender-endpoint',
  title: 'Connection to a phishing domain',
  severity: 'high',
  risk: [65, 85],
};
export const passwordSpray: Omit<Detection, 'entities' | 'weight'> = {
  source: 'entra-id-protection',
  title: 'Password spray from an anonymous address',
  severity: 'high',
  risk: [70, 85],
};

/** An episode that an analyst confirms into a case: its leading detections and its scenario. */
export interface CaseKind {
  lead: readonly string[];
  /** The title of its scenario in scenarios.ts. */
  scenario: string;
}

export const caseKinds: ReadonlyArray<readonly [CaseKind, number]> = [
  [
    {
      lead: [
        'Sensitive files copied to USB',
        'Files with customer data uploaded to personal cloud storage',
      ],
      scenario: 'Data exfiltration by departing employee: {name} ({dept})',
    },
    3,
  ],
  [{ lead: ['Sensitive files copied to USB'], scenario: 'USB copy of source code on {host}' }, 2],
  [
    {
      lead: ['Bulk download from the file server'],
      scenario: 'Mass download from SharePoint site {site}',
    },
    2,
  ],
  [{ lead: ['Impossible travel'], scenario: 'Impossible travel sign-in for {upn}' }, 2],
  [{ lead: ['Repeated MFA push denials'], scenario: 'MFA fatigue attack against {upn}' }, 1],
  [{ lead: ['Credential dumping tool detected'], scenario: 'Privilege escalation on {host}' }, 1],
  [{ lead: ['Malware quarantined'], scenario: '{malware} detected on {host}' }, 1],
  [
    {
      lead: ['Mail with payment card numbers sent to a personal address'],
      scenario: 'Mail with attachments to personal address by {name}',
    },
    2,
  ],
  [
    {
      lead: ['Files with customer data uploaded to personal cloud storage'],
      scenario: 'Upload of customer data to personal cloud storage by {name}',
    },
    2,
  ],
];

export const PHISHING_SCENARIO = 'Phishing link clicked by {name}';

/** How often each detection leads a routine episode, one that ends dismissed. */
export const routineWeights: ReadonlyArray<readonly [string, number]> = [
  ['Suspicious PowerShell command line', 6],
  ['Unfamiliar sign-in properties', 6],
  ['Files with customer data uploaded to personal cloud storage', 3],
  ['Malicious attachment blocked', 3],
  ['Unusual sign-in to the domain controller', 2],
  ['Bulk download from the file server', 2],
  ['Mail with payment card numbers sent to a personal address', 2],
  ['Sensitive files copied to USB', 2],
  ['Impossible travel', 2],
  ['Bulk mail to external recipients', 2],
  ['Repeated MFA push denials', 1],
];

type Reasons = ReadonlyArray<readonly [DismissCategory, string, number]>;

/** Why analysts dismiss each detection, with how often. */
const dismissals: Record<string, Reasons> = {
  'Suspicious PowerShell command line': [
    [
      'benign_true_positive',
      'The IT inventory script (inventory.ps1), run by endpoint management on every laptop.',
      9,
    ],
    [
      'false_positive',
      'Signed administrative script; the detection rule matches its encoded arguments.',
      2,
    ],
  ],
  'Unfamiliar sign-in properties': [
    ['false_positive', 'New phone after the device refresh; the user confirmed the sign-in.', 5],
    [
      'benign_true_positive',
      'Working from a hotel on a business trip; confirmed by the manager.',
      4,
    ],
  ],
  'Files with customer data uploaded to personal cloud storage': [
    [
      'benign_true_positive',
      "Shared with the customer through the customer's own storage, approved by the account owner.",
      4,
    ],
    ['false_positive', 'The files hold no customer data: the classifier matched order numbers.', 3],
  ],
  'Malicious attachment blocked': [
    ['benign_true_positive', 'Blocked before delivery; the user never received it.', 6],
    [
      'false_positive',
      "A supplier's invoice, flagged for its macro; released after sandbox analysis.",
      2,
    ],
  ],
  'Unusual sign-in to the domain controller': [
    [
      'benign_true_positive',
      'Scheduled maintenance by IT Operations; the change ticket is on file.',
      5,
    ],
  ],
  'Bulk download from the file server': [
    [
      'benign_true_positive',
      'Migration of the department share to SharePoint, announced by IT.',
      4,
    ],
    ['false_positive', 'The backup agent reading the share; excluded from the policy now.', 2],
  ],
  'Mail with payment card numbers sent to a personal address': [
    ['false_positive', "Test card numbers from the payment provider's documentation.", 4],
    [
      'benign_true_positive',
      'The employee sent their own card details to themselves for an expense claim.',
      2,
    ],
  ],
  'Sensitive files copied to USB': [
    ['benign_true_positive', 'Encrypted company USB drive issued by IT for the trade fair.', 4],
    ['false_positive', 'The files are public brochures; the label was applied by mistake.', 2],
  ],
  'Impossible travel': [
    ['false_positive', 'VPN exit node abroad; the user was in the office all day.', 5],
    [
      'benign_true_positive',
      'Travelling to the Singapore office; trip booked through the travel desk.',
      2,
    ],
  ],
  'Bulk mail to external recipients': [
    [
      'benign_true_positive',
      'The marketing newsletter, sent through the approved mailing service.',
      5,
    ],
  ],
  'Repeated MFA push denials': [
    ['false_positive', 'The old phone kept sending pushes after the number moved to a new one.', 3],
    [
      'other',
      'The user reported it to the service desk at once; password reset as a precaution.',
      2,
    ],
  ],
  [passwordSpray.title]: [
    [
      'other',
      'Spray blocked by smart lockout, no successful sign-in; the address is blocked at the firewall.',
      4,
    ],
  ],
};

const fallback: Reasons = [
  ['false_positive', 'Expected activity for this role; no further action.', 1],
];

export const DUPLICATE_REASON =
  'Same detection as an earlier alert of this incident; handled there.';
export const OTHER_REASON =
  'Raised while the detection policy was being tuned; the rule was fixed the same day.';

/** The category and reason an analyst gives when dismissing an alert of this title. */
export function dismissalOf(
  rng: Random,
  title: string,
): { category: DismissCategory; reason: string } {
  return rng.weighted(
    (dismissals[title] ?? fallback).map(
      ([category, reason, w]) => [{ category, reason }, w] as const,
    ),
  );
}
