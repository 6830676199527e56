/** Small, forgiving readers for the JSON documents of other products. */
export type Doc = Record<string, unknown>;

export const isDoc = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The value at a dotted path, whether the document nests its keys (`{ user: { name } }`),
 * flattens them (`{ "user.name": ... }`) or mixes both, as Elastic documents do.
 */
export function dig(doc: unknown, path: string): unknown {
  const parts = path.split('.');
  const walk = (node: unknown, rest: string[]): unknown => {
    if (rest.length === 0) return node;
    if (!isDoc(node)) return undefined;
    for (let i = rest.length; i >= 1; i -= 1) {
      const key = rest.slice(0, i).join('.');
      if (key in node) {
        const found = walk(node[key], rest.slice(i));
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return walk(doc, parts);
}

/** The value at a JSON path such as `$.data.user.mail` or `$.items[0].id`. */
export function atJsonPath(doc: unknown, path: string): unknown {
  const steps = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? [];
  let node: unknown = doc;
  for (const step of steps) {
    if (step.startsWith('[')) {
      const i = Number(step.slice(1, -1));
      node = Array.isArray(node) ? node[i] : undefined;
    } else node = isDoc(node) ? node[step.slice(1)] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** A non-empty string, or undefined; numbers are written out. */
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined;

export const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** A time as ISO-8601: from an ISO string, or epoch milliseconds (seconds when small). */
export function time(v: unknown): string | undefined {
  const n = typeof v === 'number' ? v : undefined;
  if (n !== undefined) {
    const d = new Date(n < 1e11 ? n * 1000 : n);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return str(v);
}

/** A risk score clamped into 0-100 and rounded. */
export const score = (v: unknown): number | undefined => {
  const n = num(v);
  return n === undefined ? undefined : Math.round(Math.min(100, Math.max(0, n)));
};

export const docs = (v: unknown): Doc[] => (Array.isArray(v) ? v.filter(isDoc) : []);

/** Entities without blanks or repeats. */
export function entities(list: Array<[string, unknown]>): Array<{ type: string; value: string }> {
  const seen = new Set<string>();
  const out: Array<{ type: string; value: string }> = [];
  for (const [type, raw] of list) {
    const value = str(raw);
    if (value === undefined || seen.has(`${type}:${value}`)) continue;
    seen.add(`${type}:${value}`);
    out.push({ type, value });
  }
  return out;
}
