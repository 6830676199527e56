/** Small, forgiving readers for the JSON documents of other products. */
export type Doc = Record<string, unknown>;

export const isDoc = (v: unknown): v is Doc =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The value at a dotted path, whether the document nests its keys (`{ user: { name } }`),
 * flattens them (`{ "user.name": ... }`) or mixes both, as Elastic documents do.
 */
export function dig(doc: unknown, path: string): unknown {
  if (!isDoc(doc)) return undefined;
  if (path in doc) return doc[path];
  // Each dotted prefix that is a key of this node, shortest first, walked down with the rest.
  for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) {
    const key = path.slice(0, i);
    if (!(key in doc)) continue;
    const found = dig(doc[key], path.slice(i + 1));
    if (found !== undefined) return found;
  }
  return undefined;
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

/**
 * A time as ISO-8601 in UTC: from an ISO string (offsets written `+00:00`, `+0000` or `+00`), or
 * epoch seconds or milliseconds, as a number or a string of digits (seconds below 1e11). An
 * unreadable string is passed on as it is, for validation to name.
 */
export function time(v: unknown): string | undefined {
  const digits = typeof v === 'string' && /^\d{9,16}(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  if (typeof digits === 'number') {
    const d = new Date(digits < 1e11 ? digits * 1000 : digits);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const text = str(digits);
  if (text === undefined) return undefined;
  const iso = text
    .trim()
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/([+-]\d{2})$/, '$1:00');
  // Without an offset the instant is unknown: left for validation to refuse.
  const d = /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/i.test(iso) ? new Date(iso) : new Date(NaN);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

/** A risk score clamped into 0-100 and rounded. */
export const score = (v: unknown): number | undefined => {
  const n = num(v);
  return n === undefined ? undefined : Math.round(Math.min(100, Math.max(0, n)));
};

export const docs = (v: unknown): Doc[] => (Array.isArray(v) ? v.filter(isDoc) : []);

/** Entities without blanks or repeats, values cut to 1,000 characters, at most 200 of them. */
export function entities(list: Array<[string, unknown]>): Array<{ type: string; value: string }> {
  const seen = new Set<string>();
  const out: Array<{ type: string; value: string }> = [];
  for (const [type, raw] of list) {
    const value = str(raw)?.trim().slice(0, 1000);
    if (!type || !value || seen.has(`${type}:${value}`)) continue;
    seen.add(`${type}:${value}`);
    out.push({ type, value });
    if (out.length === 200) break;
  }
  return out;
}

/**
 * A document the adapter will not read, naming the source field that decided it
 * (`class_uid`, `signal.rule.name`): the whole body is refused with it.
 */
export class Refusal extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The strings of a value that may be one string or a list of them. */
export const strs = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).flatMap((x) => (str(x) === undefined ? [] : [str(x)!]));

/** An e-mail address or a UPN: something@domain.tld. */
export const looksLikeAddress = (v: string | undefined): boolean =>
  v !== undefined && /^[^@\s\\/]+@[^@\s]+\.[^@\s]+$/.test(v);

/** Accounts of the machine or of a service, never a person: SYSTEM, NT AUTHORITY\..., svc-x, HOST$. */
export function isMachineAccount(name: string | undefined, domain?: string): boolean {
  if (name === undefined) return true;
  const bare = name.replace(/^.*\\/, '');
  return (
    /^(nt authority|nt service|font driver host|window manager|workgroup)$/i.test(domain ?? '') ||
    /^(nt authority|nt service)\\/i.test(name) ||
    /^(system|local service|network service|localsystem|root|administrator|guest|anonymous logon|dwm-\d+|umfd-\d+)$/i.test(
      bare,
    ) ||
    /\$$/.test(bare) ||
    /^(svc|srv|sa)[-_.]/i.test(bare)
  );
}

/**
 * A person's UPN from an account name and a domain: only when the domain is a DNS name
 * (`corp.example`, not the NetBIOS `CORP` or a host) and the account is not the machine's.
 */
export function personUpn(name: string | undefined, domain: string | undefined) {
  if (name && looksLikeAddress(name))
    return isMachineAccount(name.split('@')[0]) ? undefined : name;
  if (!name || !domain || !domain.includes('.') || isMachineAccount(name, domain)) return undefined;
  const upn = `${name}@${domain.toLowerCase()}`;
  return looksLikeAddress(upn) ? upn : undefined;
}
