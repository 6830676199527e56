import type { Severity } from '../../contract/alerts.ts';
import type { DayPerson } from './alert-day.ts';
import type { Random } from './random.ts';
import { fileNames } from './vocabulary.ts';

/**
 * What the sources detect about a person, with the entities they attach: most belong to the
 * person (their laptop, its address, their account, a file they took), some to the network
 * everyone shares.
 */

/** The network everyone shares. */
export const sharedInfrastructure = {
  egressIp: '198.51.100.24',
  fileServer: 'NW-FS01',
  domainController: 'NW-DC01',
  cloudDomains: ['drive.google.com', 'www.dropbox.com', 'wetransfer.com'],
  mailDomains: ['gmail.com', 'outlook.com', 'proton.me'],
  powershellHash: 'de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c',
  inventoryCommand:
    'powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\ProgramData\\NW-IT\\inventory.ps1',
} as const;

export type Entities = Array<{ type: string; value: string }>;
/** One kind of detection of one source, with the entities it attaches about a person. */
export interface Detection {
  source: string;
  title: string;
  severity: Severity;
  risk: [number, number];
  entities: (p: DayPerson, rng: Random) => Entities;
  weight: number;
}

export const hex = (rng: Random, n: number) =>
  Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
const S = sharedInfrastructure;

export const detections: Detection[] = [
  {
    source: 'purview-dlp',
    title: 'Sensitive files copied to USB',
    severity: 'high',
    risk: [70, 92],
    weight: 5,
    entities: (p, rng) => [
      { type: 'host', value: p.host },
      { type: 'file', value: rng.pick(fileNames) },
      { type: 'hash', value: hex(rng, 64) },
      { type: 'usb', value: `USBSTOR\\Disk&Ven_SanDisk&Prod_Ultra&Rev_1.00\\${hex(rng, 12)}` },
    ],
  },
  {
    source: 'purview-dlp',
    title: 'Files with customer data uploaded to personal cloud storage',
    severity: 'medium',
    risk: [50, 75],
    weight: 5,
    entities: (p, rng) => [
      { type: 'host', value: p.host },
      // The share link, unique to the upload: the storage domain itself is everyone's.
      { type: 'url', value: `https://${rng.pick(S.cloudDomains)}/s/${hex(rng, 12)}` },
      { type: 'ip', value: S.egressIp },
      { type: 'file', value: rng.pick(fileNames) },
    ],
  },
  {
    source: 'purview-dlp',
    title: 'Mail with payment card numbers sent to a personal address',
    severity: 'medium',
    risk: [45, 70],
    weight: 4,
    entities: (p, rng) => {
      const domain = rng.pick(S.mailDomains);
      return [
        { type: 'mailbox', value: p.email },
        {
          type: 'mailbox',
          value: `${p.name.split(' ')[0]!.toLowerCase()}${rng.int(7, 99)}@${domain}`,
        },
      ];
    },
  },
  {
    source: 'purview-dlp',
    title: 'Bulk download from the file server',
    severity: 'medium',
    risk: [40, 65],
    weight: 3,
    entities: (p) => [
      { type: 'host', value: p.host },
      { type: 'host', value: S.fileServer },
      { type: 'ip', value: p.ip },
    ],
  },
  {
    source: 'defender-endpoint',
    title: 'Suspicious PowerShell command line',
    severity: 'medium',
    risk: [35, 60],
    weight: 4,
    entities: (p) => [
      { type: 'host', value: p.host },
      { type: 'ip', value: p.ip },
      { type: 'account', value: p.account },
      { type: 'process', value: S.inventoryCommand },
      { type: 'hash', value: S.powershellHash },
    ],
  },
  {
    source: 'defender-endpoint',
    title: 'Credential dumping tool detected',
    severity: 'high',
    risk: [75, 95],
    weight: 1,
    entities: (p, rng) => [
      { type: 'host', value: p.host },
      { type: 'account', value: p.account },
      { type: 'file', value: 'procdump64.exe' },
      { type: 'hash', value: hex(rng, 64) },
      { type: 'process', value: 'procdump64.exe -accepteula -ma lsass.exe lsass.dmp' },
    ],
  },
  {
    source: 'defender-endpoint',
    title: 'Unusual sign-in to the domain controller',
    severity: 'low',
    risk: [20, 40],
    weight: 2,
    entities: (p) => [
      { type: 'host', value: p.host },
      { type: 'host', value: S.domainController },
      { type: 'account', value: p.account },
    ],
  },
  {
    source: 'entra-id-protection',
    title: 'Unfamiliar sign-in properties',
    severity: 'low',
    risk: [20, 45],
    weight: 4,
    entities: (p) => [
      { type: 'account', value: p.email },
      { type: 'ip', value: p.homeIp },
    ],
  },
  {
    source: 'entra-id-protection',
    title: 'Impossible travel',
    severity: 'medium',
    risk: [40, 70],
    weight: 2,
    entities: (p, rng) => [
      { type: 'account', value: p.email },
      { type: 'ip', value: S.egressIp },
      {
        type: 'ip',
        value: `${rng.int(100, 200)}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(1, 254)}`,
      },
    ],
  },
  {
    source: 'entra-id-protection',
    title: 'Repeated MFA push denials',
    severity: 'medium',
    risk: [45, 65],
    weight: 1,
    entities: (p) => [
      { type: 'account', value: p.email },
      { type: 'ip', value: S.egressIp },
    ],
  },
];
