import type { Priority, Severity } from '../../api.ts';

/** What a suggestion reads of an alert. */
export interface AlertFacts {
  id: number;
  title: string;
  severity: Severity;
  riskScore: number;
  detectedAt: string;
  source: string;
  subject: { id: number; name: string } | null;
}

export interface CaseSuggestion {
  title: string;
  description: string;
  priority: Priority;
  /** The highest severity of the alerts, which the priority comes from; null without alerts. */
  severity: Severity | null;
  /** The person the case is about: given, or the one subject all the alerts share. */
  subject: { id: number; name: string } | null;
  /** How many different people the alerts are about. */
  subjectCount: number;
}

const severityRank: Record<Severity, number> = { informational: 0, low: 1, medium: 2, high: 3 };

/**
 * The priority a case opened from alerts starts at, from their highest severity. Alerts have
 * four severities and cases five priorities: none maps to Critical, which stays a person's call.
 */
export const priorityForSeverity: Record<Severity, Priority> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
  informational: 'very_low',
};

/** Worst first: highest severity, then highest risk score, then earliest detected. */
export function byWorst(a: AlertFacts, b: AlertFacts): number {
  return (
    severityRank[b.severity] - severityRank[a.severity] ||
    b.riskScore - a.riskScore ||
    Date.parse(a.detectedAt) - Date.parse(b.detectedAt) ||
    a.id - b.id
  );
}

const MAX_TITLE = 300;
const LISTED = 20;
export const severityWords: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Informational',
};

// Characters that would turn an alert title into emphasis, code, links or HTML in Markdown.
const inlineMarkdown = /[\\`*_[\]<>|~]/g;
const escape = (s: string) => s.replace(inlineMarkdown, (c) => `\\${c}`);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** One alert as a list item; its person is named only when the alerts are about several. */
function line(a: AlertFacts, named: boolean): string {
  const who = named && a.subject ? ` · ${escape(a.subject.name)}` : '';
  return `- **${severityWords[a.severity]}** · ${escape(a.title)}${who} · ${escape(a.source)} · risk ${a.riskScore} · ${utc(a.detectedAt)} (alert #${a.id})`;
}

/**
 * A new case for alerts: titled after its subject and worst alert ("Megan Bowen — Sensitive
 * files copied to USB"), described by a list of the alerts worst first, at the priority of the
 * highest severity (see `priorityForSeverity`). `subject` is the person when the caller knows it
 * (an incident's); `origin` says where the alerts come from ("incident #12"), `total` how many
 * there are when `alerts` holds only some, `fallbackTitle` the title when there is no alert.
 */
export function suggestCase(
  alerts: readonly AlertFacts[],
  opts: {
    subject?: { id: number; name: string } | null;
    origin?: string;
    total?: number;
    fallbackTitle?: string;
  } = {},
): CaseSuggestion {
  const sorted = [...alerts].sort(byWorst);
  const worst = sorted[0];
  const people = new Map<number, { id: number; name: string }>();
  for (const a of sorted) if (a.subject) people.set(a.subject.id, a.subject);
  const shared =
    people.size === 1 && sorted.every((a) => a.subject) ? [...people.values()][0] : null;
  const subject = opts.subject ?? shared ?? null;
  const first = [...people.values()][0];
  const others = people.size > 1 ? ` and ${plural(people.size - 1, 'other')}` : '';
  const who = subject?.name ?? (first ? `${first.name}${others}` : '');
  const what = worst?.title ?? opts.fallbackTitle ?? '';
  const title = clip(who && what ? `${who} — ${what}` : who || what, MAX_TITLE);

  const total = Math.max(opts.total ?? sorted.length, sorted.length);
  const from = opts.origin ? `${opts.origin} (${plural(total, 'alert')})` : plural(total, 'alert');
  const lines = sorted.slice(0, LISTED).map((a) => line(a, people.size > 1));
  if (total > lines.length) lines.push(`- … and ${total - lines.length} more`);
  const description = sorted.length
    ? `Opened from ${from}${total > 1 ? ', worst first' : ''}:\n\n${lines.join('\n')}\n`
    : '';

  return {
    title,
    description,
    priority: worst ? priorityForSeverity[worst.severity] : 'medium',
    severity: worst?.severity ?? null,
    subject,
    subjectCount: people.size,
  };
}
