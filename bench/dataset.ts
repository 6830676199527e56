import { canonicalJson } from '../server/lib/canonical-json.ts';

/**
 * A deterministic generator of realistic-looking cases, tasks and comments. Common words come
 * from a small security vocabulary; each text also draws "rare" pseudo-words (host, project
 * and file code names) from a Zipf distribution, so that some words match a handful of cases:
 * the selective text search looks one of them up.
 */

export interface Analyst {
  id: number;
  name: string;
}

export interface Status {
  id: number;
  name: string;
  category: 'new' | 'active' | 'closed';
}

export interface CaseRow {
  id: number;
  number: number;
  title: string;
  description: string;
  priority: string;
  priorityRank: number;
  statusId: number;
  statusCategory: string;
  assigneeId: number | null;
  dueAt: string | null;
  tags: string;
  createdAt: string;
  createdBy: number;
  updatedAt: string;
  updatedBy: number;
  version: number;
  resolutionClassification: string | null;
  resolutionReason: string | null;
  resolvedAt: string | null;
  resolvedBy: number | null;
  taskTotal: number;
  taskOpen: number;
  commentCount: number;
}

export interface TaskRow {
  id: number;
  caseId: number;
  title: string;
  description: string;
  status: string;
  priority: string;
  ownerId: number | null;
  dueAt: string | null;
  closingNote: string | null;
  createdAt: string;
  createdBy: number;
  updatedAt: string;
  updatedBy: number;
  completedAt: string | null;
}

export interface CommentRow {
  id: number;
  caseId: number;
  body: string;
  createdAt: string;
  authorId: number;
}

export interface SearchDocRow {
  id: number;
  caseId: number;
  kind: 'case' | 'task' | 'comment';
  refId: number;
  body: string;
}

/** The "case.created" audit event of a seeded case, before it is chained (seq, hashes). */
export interface AuditDraft {
  occurredAt: string;
  actorId: number;
  actorName: string;
  targetId: string;
  caseId: number;
  after: string;
}

export interface Batch {
  cases: CaseRow[];
  tasks: TaskRow[];
  comments: CommentRow[];
  docs: SearchDocRow[];
  audits: AuditDraft[];
}

/** mulberry32: small, fast, good enough for test data. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sources = ['DLP', 'EDR', 'SIEM', 'Insider risk', 'CASB', 'Email gateway', 'Identity'];
const activities = [
  'Sensitive file upload to personal cloud storage',
  'Mass download from SharePoint site',
  'USB copy of confidential documents',
  'Mail with attachments to a personal address',
  'Impossible travel sign-in',
  'Privilege escalation on server',
  'Suspicious PowerShell execution',
  'Credential dumping attempt',
  'Printing of restricted documents',
  'Access to records outside job role',
  'Unusual volume of deleted files',
  'Ransomware behaviour detected',
  'Phishing link clicked',
  'Data exfiltration over DNS',
  'Departing employee copying source code',
  'Unsanctioned application installed',
];
const departments = ['Finance', 'Engineering', 'Sales', 'HR', 'Legal', 'Research', 'Support'];
const firstNames = ['Alex', 'Sam', 'Jordan', 'Morgan', 'Taylor', 'Casey', 'Robin', 'Jamie'];
const lastNames = ['Keller', 'Novak', 'Ortega', 'Lindqvist', 'Okafor', 'Brandt', 'Moreau'];
const sentences = [
  'The detector raised the alert after several events within an hour.',
  'The subject accessed files labelled confidential from an unmanaged device.',
  'Manager was informed and confirmed the activity was not part of the project.',
  'Volume of data transferred is well above the baseline of the department.',
  'The destination domain is a personal storage provider not approved by IT.',
  'Sign-in came from an unfamiliar location shortly after a password reset.',
  'The endpoint agent quarantined the binary and collected a memory image.',
  'HR reports the employee handed in a resignation letter last week.',
  'Legal asked to preserve the mailbox and the laptop until further notice.',
  'Similar activity was seen on two other workstations of the same team.',
  'Policy match on customer records with national identifiers.',
  'No business justification was provided when the analyst asked.',
];
const taskTitles = [
  'Collect device image',
  'Interview the manager',
  'Review mailbox export',
  'Check proxy logs',
  'Reset credentials',
  'Notify legal counsel',
  'Confirm data classification',
  'Block the destination domain',
];
const commentOpeners = [
  'Reviewed the evidence:',
  'Update from HR:',
  'Escalating because',
  'Closing note:',
  'Spoke with the subject;',
  'Waiting on the endpoint team,',
];
const tagWords = ['dlp', 'exfiltration', 'departing-employee', 'phishing', 'malware', 'vip'];
const priorities = [
  ['very_low', 1, 0.08],
  ['low', 2, 0.22],
  ['medium', 3, 0.38],
  ['high', 4, 0.22],
  ['critical', 5, 0.1],
] as const;
const taskStatusesClosed = ['completed', 'completed', 'completed', 'skipped', 'failed'];
const taskStatusesOpen = ['new', 'in_progress', 'completed', 'partially_completed'];

const DAY = 86_400_000;

/** Pseudo-words like "kovalire": three consonant-vowel pairs, so none is a prefix of another. */
function rareWords(count: number, rnd: () => number): string[] {
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  const seen = new Set<string>();
  while (seen.size < count) {
    let w = '';
    for (let i = 0; i < 4; i += 1) {
      w += consonants[Math.floor(rnd() * consonants.length)]!;
      w += vowels[Math.floor(rnd() * vowels.length)]!;
    }
    seen.add(w);
  }
  return [...seen];
}

export class Dataset {
  private readonly rnd: () => number;
  private readonly rare: string[];
  private readonly zipf: Float64Array;
  /** For each rare word: number of distinct cases using it, and the last case that did. */
  private readonly rareCases: Uint32Array;
  private readonly rareLast: Uint32Array;
  private readonly start: number;
  private readonly span: number;
  private nextTaskId = 1;
  private nextCommentId = 1;
  private nextDocId = 1;

  constructor(
    readonly total: number,
    seed: number,
    readonly analysts: Analyst[],
    readonly statuses: Record<'new' | 'active' | 'closed', Status>,
    readonly endMs: number,
  ) {
    this.rnd = makeRng(seed);
    this.rare = rareWords(30_000, this.rnd);
    this.zipf = new Float64Array(this.rare.length);
    let sum = 0;
    for (let k = 0; k < this.rare.length; k += 1) this.zipf[k] = sum += 1 / (k + 1);
    for (let k = 0; k < this.rare.length; k += 1) this.zipf[k] = this.zipf[k]! / sum;
    this.rareCases = new Uint32Array(this.rare.length);
    this.rareLast = new Uint32Array(this.rare.length);
    this.span = 730 * DAY;
    this.start = endMs - this.span;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }

  private rareWord(caseId: number): string {
    const u = this.rnd();
    let lo = 0;
    let hi = this.zipf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.zipf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    if (this.rareLast[lo] !== caseId) {
      this.rareLast[lo] = caseId;
      this.rareCases[lo] = this.rareCases[lo]! + 1;
    }
    return this.rare[lo]!;
  }

  /** A rare word found in about `target` cases (10 to 100), for the selective search. */
  selectiveWord(target = 50): { word: string; cases: number } {
    let best = 0;
    for (let k = 0; k < this.rare.length; k += 1) {
      if (Math.abs(this.rareCases[k]! - target) < Math.abs(this.rareCases[best]! - target))
        best = k;
    }
    return { word: this.rare[best]!, cases: this.rareCases[best]! };
  }

  private sentence(caseId: number, rareChance: number): string {
    const s = this.pick(sentences);
    return this.rnd() < rareChance ? `${s} Reference ${this.rareWord(caseId)}.` : s;
  }

  /** Cases [from, to) (0-based positions), with their tasks, comments, search documents. */
  batch(from: number, to: number): Batch {
    const out: Batch = { cases: [], tasks: [], comments: [], docs: [], audits: [] };
    for (let i = from; i < to; i += 1) this.addCase(i, out);
    return out;
  }

  private addCase(i: number, out: Batch): void {
    const id = i + 1;
    const created = Math.floor(this.start + ((i + this.rnd()) * this.span) / this.total);
    // Recent cases are more often still open: about 20% open overall.
    const openChance = 0.04 + 0.32 * (i / this.total);
    const isOpen = this.rnd() < openChance;
    const status = isOpen
      ? this.rnd() < 0.35
        ? this.statuses.new
        : this.statuses.active
      : this.statuses.closed;
    const updated = Math.min(this.endMs, created + Math.floor(-Math.log(1 - this.rnd()) * 5 * DAY));
    let u = this.rnd();
    const [priority, rank] = priorities.find((p) => (u -= p[2]) < 0) ?? priorities[2];
    const assignee = this.rnd() < 0.08 ? null : this.pick(this.analysts);
    const creator = this.pick(this.analysts);
    const subject = `${this.pick(firstNames)} ${this.pick(lastNames)}`;
    const title = `${this.pick(sources)}: ${this.pick(activities)} (${subject}, ${this.pick(departments)})`;
    const description = [this.sentence(id, 1), this.sentence(id, 0.3), this.sentence(id, 0)].join(
      ' ',
    );
    const tags = [
      ...new Set(Array.from({ length: Math.floor(this.rnd() * 3) }, () => this.pick(tagWords))),
    ];
    const iso = (ms: number) => new Date(ms).toISOString();
    const between = () => iso(created + Math.floor(this.rnd() * (updated - created)));
    const dueAt = this.rnd() < 0.4 ? iso(created + (3 + Math.floor(this.rnd() * 27)) * DAY) : null;
    const resolvedBy = isOpen ? null : (assignee ?? creator);

    let taskOpen = 0;
    const taskCount = Math.floor(this.rnd() * 5);
    for (let t = 0; t < taskCount; t += 1) {
      const tStatus = this.pick(isOpen ? taskStatusesOpen : taskStatusesClosed);
      const open = tStatus === 'new' || tStatus === 'in_progress';
      if (open) taskOpen += 1;
      const at = between();
      const task: TaskRow = {
        id: this.nextTaskId++,
        caseId: id,
        title: this.pick(taskTitles),
        description: this.sentence(id, 0.5),
        status: tStatus,
        priority,
        ownerId: this.rnd() < 0.2 ? null : this.pick(this.analysts).id,
        dueAt: null,
        closingNote: open ? null : 'Done.',
        createdAt: at,
        createdBy: creator.id,
        updatedAt: at,
        updatedBy: creator.id,
        completedAt: open ? null : at,
      };
      out.tasks.push(task);
      out.docs.push({
        id: this.nextDocId++,
        caseId: id,
        kind: 'task',
        refId: task.id,
        body: `${task.title}\n${task.description}`,
      });
    }
    const commentCount = Math.floor(this.rnd() * 5);
    for (let c = 0; c < commentCount; c += 1) {
      const author = this.pick(this.analysts);
      const comment: CommentRow = {
        id: this.nextCommentId++,
        caseId: id,
        body: `${this.pick(commentOpeners)} ${this.sentence(id, 0.5)}`,
        createdAt: between(),
        authorId: author.id,
      };
      out.comments.push(comment);
      out.docs.push({
        id: this.nextDocId++,
        caseId: id,
        kind: 'comment',
        refId: comment.id,
        body: comment.body,
      });
    }
    out.cases.push({
      id,
      number: 1000 + i,
      title,
      description,
      priority,
      priorityRank: rank,
      statusId: status.id,
      statusCategory: status.category,
      assigneeId: assignee?.id ?? null,
      dueAt,
      tags: JSON.stringify(tags),
      createdAt: iso(created),
      createdBy: creator.id,
      updatedAt: iso(updated),
      updatedBy: (assignee ?? creator).id,
      version: 1 + Math.floor(this.rnd() * 5),
      resolutionClassification: isOpen ? null : this.rnd() < 0.7 ? 'benign' : 'confirmed_violation',
      resolutionReason: isOpen ? null : this.pick(sentences),
      resolvedAt: isOpen ? null : iso(updated),
      resolvedBy: resolvedBy?.id ?? null,
      taskTotal: taskCount,
      taskOpen,
      commentCount,
    });
    out.docs.push({
      id: this.nextDocId++,
      caseId: id,
      kind: 'case',
      refId: id,
      body: [title, description, tags.join(' ')].join('\n'),
    });
    out.audits.push({
      occurredAt: iso(created),
      actorId: creator.id,
      actorName: creator.name,
      targetId: String(1000 + i),
      caseId: id,
      after: canonicalJson({
        title,
        priority,
        status: { id: this.statuses.new.id, name: this.statuses.new.name },
        assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
        dueAt,
        tags,
      }),
    });
  }
}
