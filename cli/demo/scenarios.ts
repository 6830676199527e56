import type { Priority } from '../../contract/common.ts';

/**
 * The kinds of cases a SOC and insider-risk team works on. Texts use placeholders filled per
 * case: {name} {upn} {dept} {job} {manager} {host} {site} {n} {place} {malware} {file}.
 */
export interface Scenario {
  title: string;
  description: string;
  tags: readonly string[];
  priorities: ReadonlyArray<readonly [Priority, number]>;
  /** How often a resolved case of this kind is a confirmed violation. */
  violationRate: number;
  tasks: ReadonlyArray<readonly [string, string]>;
  comments: readonly string[];
  benign: readonly string[];
  violation: readonly string[];
}

const high: Scenario['priorities'] = [
  ['medium', 2],
  ['high', 5],
  ['critical', 2],
];
const mid: Scenario['priorities'] = [
  ['low', 2],
  ['medium', 5],
  ['high', 3],
];
const low: Scenario['priorities'] = [
  ['very_low', 1],
  ['low', 4],
  ['medium', 3],
];

const interview: readonly [string, string] = [
  'Interview the subject with HR',
  'Schedule a meeting with the subject, the manager and the HR partner; take minutes.',
];
const preserve: readonly [string, string] = [
  'Preserve mailbox and OneDrive',
  'Place the mailbox and OneDrive of {name} under hold and export a copy.',
];
const manager: readonly [string, string] = [
  'Confirm business justification with the manager',
  'Ask {manager} whether the activity was part of the role of {name}.',
];

export const scenarios: readonly Scenario[] = [
  {
    title: 'Data exfiltration by departing employee: {name} ({dept})',
    description:
      'Insider-risk policy "Departing employees" matched {name}, {job} in {dept}, who resigned recently. Over the last days {n} files were copied to personal destinations, including {file}.',
    tags: ['insider-risk', 'departing-employee', 'dlp'],
    priorities: high,
    violationRate: 0.6,
    tasks: [
      ['Confirm last working day with HR', 'Get the resignation date and the last working day.'],
      preserve,
      ['Review files copied in the last 30 days', 'List every file copied off the network.'],
      manager,
      interview,
      ['Revoke access on the last day', 'Coordinate with IT to disable the account on time.'],
    ],
    comments: [
      'Most of the copied files come from the {site} site.',
      'The subject accepted an offer from a competitor, per the manager.',
    ],
    benign: [
      'Files were personal documents (payslips, expense receipts); no company data left.',
      'Copy approved by the manager for the handover to the successor.',
    ],
    violation: [
      'Customer list and pricing models copied to a personal drive before departure; referred to Legal.',
      'Confirmed exfiltration of confidential files; device recovered and the copy deleted under supervision.',
    ],
  },
  {
    title: 'USB copy of source code on {host}',
    description:
      'EDR reported {n} files from the main source repositories written to a removable drive on {host}, used by {name} ({dept}).',
    tags: ['insider-risk', 'usb', 'source-code'],
    priorities: high,
    violationRate: 0.5,
    tasks: [
      [
        'Identify the USB device',
        'Get the device serial and whether it is a company-issued drive.',
      ],
      [
        'Collect the device timeline from EDR',
        'Export file events on {host} for the last 14 days.',
      ],
      manager,
      interview,
    ],
    comments: ['The drive is not in the asset inventory of company-issued devices.'],
    benign: [
      'Company-issued encrypted drive used for an offline build at a customer site, approved.',
      'Copy was part of an approved lab setup; drive returned to IT.',
    ],
    violation: [
      'Source code copied to a personal drive without approval; drive seized, case sent to HR.',
    ],
  },
  {
    title: 'Mass download from SharePoint site {site}',
    description:
      '{name} downloaded {n} documents from the SharePoint site {site} within an hour, far above the usual activity of the account.',
    tags: ['insider-risk', 'sharepoint', 'mass-download'],
    priorities: mid,
    violationRate: 0.35,
    tasks: [
      ['Check the site permissions', 'Confirm that {name} is expected to have access to {site}.'],
      ['List the downloaded documents', 'Export the audit log of the site for the period.'],
      manager,
    ],
    comments: ['Downloads happened through the sync client, not the browser.'],
    benign: [
      'OneDrive sync client re-synchronised the library after a laptop replacement.',
      'Migration of the site to a new library by the site owner.',
    ],
    violation: ['Confidential documents downloaded to a personal device and shared externally.'],
  },
  {
    title: 'Phishing link clicked by {name}',
    description:
      'Defender for Office flagged a credential-phishing message delivered to {upn}; the link was clicked from {host} before the message was purged.',
    tags: ['phishing', 'email'],
    priorities: mid,
    violationRate: 0.3,
    tasks: [
      ['Check for credential entry', 'Review proxy logs for a POST to the phishing domain.'],
      ['Reset password and revoke sessions', 'Force a password reset for {upn}.'],
      ['Search for other recipients', 'Find every mailbox that received the same message.'],
      ['Block the sender domain', 'Add the domain to the tenant block list.'],
    ],
    comments: ['Same campaign hit {n} other mailboxes; all messages purged.'],
    benign: [
      'Link opened in the isolated browser; no credentials were entered.',
      'Click came from the URL detonation service, not the user.',
    ],
    violation: ['Credentials entered on the phishing page; account contained and password reset.'],
  },
  {
    title: 'Impossible travel sign-in for {upn}',
    description:
      'Sign-in to {upn} from {place} 40 minutes after a sign-in from the office network. Both sessions passed MFA.',
    tags: ['identity', 'sign-in', 'impossible-travel'],
    priorities: mid,
    violationRate: 0.25,
    tasks: [
      ['Confirm travel with the user', 'Ask {name} whether they are travelling or use a VPN.'],
      ['Review sign-in logs', 'Check device, IP reputation and user agent of both sessions.'],
      ['Revoke refresh tokens', 'Revoke the sessions of {upn} if not confirmed.'],
    ],
    comments: ['The second IP belongs to a commercial VPN provider.'],
    benign: [
      'User confirmed a personal VPN on the phone; sessions are legitimate.',
      'Business trip confirmed by the travel desk.',
    ],
    violation: ['Session token theft confirmed; attacker session revoked and MFA re-registered.'],
  },
  {
    title: '{malware} detected on {host}',
    description:
      'EDR detected {malware} on {host} (primary user {name}, {dept}). The process was blocked; persistence not yet ruled out.',
    tags: ['edr', 'malware'],
    priorities: high,
    violationRate: 0.2,
    tasks: [
      ['Isolate the device', 'Isolate {host} from the network through EDR.'],
      ['Collect a triage package', 'Collect memory and the investigation package from {host}.'],
      ['Identify the infection vector', 'Trace the first malicious file to its source.'],
      ['Reimage the device', 'Ask IT Operations to reimage {host} and return it to the user.'],
    ],
    comments: ['No lateral movement seen from {host} in the network logs.'],
    benign: [
      'Detection on a quarantined attachment that never executed.',
      'Security awareness test sample; excluded and documented.',
    ],
    violation: [
      'User installed cracked software against policy, which carried the malware; device reimaged.',
    ],
  },
  {
    title: 'Mail with attachments to personal address by {name}',
    description:
      'DLP matched {n} messages from {upn} to a personal webmail address, with attachments labelled Confidential, including {file}.',
    tags: ['dlp', 'email', 'insider-risk'],
    priorities: mid,
    violationRate: 0.45,
    tasks: [
      preserve,
      ['Review the sent items', 'List attachments and sensitivity labels of the messages.'],
      manager,
    ],
    comments: ['The personal address matches the one in the HR record of {name}.'],
    benign: [
      'Employee sent their own contract and payslips to themselves.',
      'Working from home without VPN access; manager aware, reminded of the policy.',
    ],
    violation: ['Client data sent to a personal mailbox repeatedly despite a prior warning.'],
  },
  {
    title: 'Privilege escalation on {host}',
    description:
      'Account of {name} was added to the local Administrators group on {host} outside the change process.',
    tags: ['identity', 'privilege-escalation'],
    priorities: high,
    violationRate: 0.3,
    tasks: [
      ['Find the change ticket', 'Look for an approved change covering the group membership.'],
      ['Remove the membership', 'Remove {name} from the Administrators group of {host}.'],
      ['Review actions taken as admin', 'Check what was installed or changed since.'],
    ],
    comments: ['The change was made with a helpdesk account outside working hours.'],
    benign: ['Emergency change by IT Operations, ticket filed afterwards.'],
    violation: [
      'Helpdesk credentials misused to grant admin rights; account disabled and HR informed.',
    ],
  },
  {
    title: 'Upload of customer data to personal cloud storage by {name}',
    description:
      'Defender for Cloud Apps saw {n} uploads from {host} to a personal cloud storage account, including {file}.',
    tags: ['dlp', 'cloud', 'insider-risk'],
    priorities: high,
    violationRate: 0.5,
    tasks: [
      ['Identify the cloud account', 'Determine whether the storage account is corporate.'],
      ['Request deletion', 'Ask the subject to delete the files and confirm in writing.'],
      interview,
    ],
    comments: ['The storage account is registered to a personal address.'],
    benign: ['Sanctioned partner storage, mis-classified by the app catalogue.'],
    violation: ['Customer data uploaded to a personal account; deletion verified, warning issued.'],
  },
  {
    title: 'Bulk printing of confidential documents by {name}',
    description:
      '{name} printed {n} pages of documents labelled Highly Confidential in one evening from {dept}.',
    tags: ['insider-risk', 'printing'],
    priorities: low,
    violationRate: 0.25,
    tasks: [['Retrieve the print log', 'Get document names and printer location.'], manager],
    comments: ['Printer is on the same floor as the subject, near the exit.'],
    benign: ['Board pack printed for the quarterly meeting, at the request of the CFO office.'],
    violation: ['Confidential plans printed and taken home against the clean-desk policy.'],
  },
  {
    title: 'MFA fatigue attack against {upn}',
    description:
      '{upn} received {n} MFA push requests in ten minutes from {place}; one was approved.',
    tags: ['identity', 'mfa'],
    priorities: high,
    violationRate: 0.4,
    tasks: [
      ['Revoke sessions and reset password', 'Contain the account of {name} immediately.'],
      ['Enable number matching', 'Confirm number matching is enforced for the account.'],
      ['Review mailbox rules', 'Look for forwarding rules created after the approval.'],
    ],
    comments: ['User says the approval was accidental while on a call.'],
    benign: ['Requests came from a misconfigured mail client on the user’s own phone.'],
    violation: ['Attacker gained access after the approval; session revoked, no data accessed.'],
  },
  {
    title: 'Off-hours access to HR records by {name}',
    description:
      '{name} ({dept}) opened {n} employee records in the HR system between 23:00 and 02:00.',
    tags: ['insider-risk', 'hr-data', 'privacy'],
    priorities: mid,
    violationRate: 0.45,
    tasks: [
      ['List the records opened', 'Export the access log of the HR system.'],
      manager,
      ['Notify the privacy officer', 'Assess whether this is a reportable personal-data breach.'],
    ],
    comments: ['Several records belong to members of the same team as {name}.'],
    benign: ['Year-end compensation review under deadline, confirmed by the HR director.'],
    violation: ['Unjustified access to colleagues’ records; privacy officer notified.'],
  },
  {
    title: 'Risky OAuth app consent by {name}',
    description:
      '{upn} consented to an unverified app requesting Mail.Read and Files.ReadWrite.All.',
    tags: ['identity', 'oauth', 'cloud'],
    priorities: low,
    violationRate: 0.15,
    tasks: [
      ['Review the app permissions', 'Identify the publisher and the data it can reach.'],
      ['Revoke the consent', 'Remove the grant and block the app tenant-wide if needed.'],
    ],
    comments: ['The app publisher is not verified and was registered last week.'],
    benign: ['Known productivity add-in, now approved by IT and verified.'],
    violation: ['Consent phishing: the app read mail for two days; grant revoked.'],
  },
];
