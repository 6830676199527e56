/*
 * One way of writing dates across the console: "2 Dec 14:05" within this year, "12 Nov 2025"
 * before it, and the whole timestamp ("Tue 2 Dec 2025, 14:05:09 CET") on hover. English words
 * in day-month order, in the browser's time zone, whatever the browser's language.
 */
const LOCALE = 'en-GB';
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

const sameYear = (d: Date, now: Date) => d.getFullYear() === now.getFullYear();

/** A point in time, compact: "2 Dec 14:05" this year, "12 Nov 2025" before. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  return sameYear(d, now) ? `${dayMonth.format(d)} ${time.format(d)}` : dayMonthYear.format(d);
}

/** A day (a due date, the day something was opened): "2 Dec" this year, "12 Nov 2025" before. */
export function formatDay(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  return sameYear(d, now) ? dayMonth.format(d) : dayMonthYear.format(d);
}

/** The whole timestamp, for a tooltip or a detail pane: "Tue 2 Dec 2025, 14:05:09 CET". */
export const formatFull = (iso: string): string => full.format(new Date(iso));

export const isOverdue = (dueAt: string | null, closed: boolean, now = Date.now()): boolean =>
  !closed && dueAt !== null && new Date(dueAt).getTime() < now;

/** A due date picked as YYYY-MM-DD means the end of that day, local time. */
export const dueFromDay = (day: string | null): string | null =>
  day ? new Date(`${day}T23:59:00`).toISOString() : null;
export const dayOf = (iso: string | null): string | null => {
  if (!iso) return null;
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
