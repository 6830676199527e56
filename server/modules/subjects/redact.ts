/**
 * Pseudonymisation of a response body, by its shape: every answer that names a subject does so
 * through a `subject` reference (`{ id, name, email }`), a `subjects` list of them, or a
 * subject resource (with `department` and `jobTitle`). A hidden subject's reference shows its
 * pseudonym; the object that holds it (an alert, an incident, a case) has every text in it
 * rewritten so the subject's name, e-mail and the parts of both read as the pseudonym, and its
 * raw source payload and events left out: they carry identities in forms no rule can find.
 */

export interface Identity {
  pseudonym: string;
  pattern: RegExp | null;
}

interface Lens {
  hides(subjectId: number): boolean;
  pseudonym(identity: string): string;
}

/** Keys holding what a source sent as it sent it: left out when a hidden subject owns them. */
const rawKeys: Record<string, unknown> = { payload: null, events: [], rawPayload: null };

/** A subject reference; events record one without its e-mail (`{ id, name }`). */
type Ref = { id: number; name: string; email?: string };
const isRef = (v: unknown): v is Ref =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Ref).id === 'number' &&
  typeof (v as Ref).name === 'string' &&
  ((v as Ref).email === undefined || typeof (v as Ref).email === 'string');

const isSubjectResource = (v: Record<string, unknown>): v is Ref & Record<string, unknown> =>
  isRef(v) && 'department' in v && 'jobTitle' in v;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Patterns are made once per identity and kept (the same people fill every queue page).
const patterns = new Map<string, RegExp | null>();
const PATTERNS_KEPT = 20_000;

function identityPattern(ref: { name: string; email: string }): RegExp | null {
  const key = `${ref.name}\u0000${ref.email}`;
  let found = patterns.get(key);
  if (found === undefined) {
    if (patterns.size >= PATTERNS_KEPT) patterns.clear();
    found = makePattern(ref);
    patterns.set(key, found);
  }
  return found;
}

/**
 * The texts that name a person: the whole name and e-mail, the e-mail's local part, and each
 * part of the name or local part of four letters or more (a surname alone names someone).
 */
function makePattern(ref: { name: string; email: string }): RegExp | null {
  const email = ref.email.toLowerCase();
  const local = email.includes('@') ? email.slice(0, email.indexOf('@')) : email;
  const whole = [ref.name, email, local].filter((s) => s.trim().length >= 3);
  const parts = [...ref.name.split(/[\s,.'_-]+/), ...local.split(/[.\s_+-]+/)].filter(
    (p) => p.length >= 4,
  );
  const words = [...new Set([...whole, ...parts].map((s) => s.trim().toLowerCase()))]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  if (words.length === 0) return null;
  return new RegExp(words.map(escape).join('|'), 'gi');
}

/**
 * The body with each hidden subject pseudonymised. `known` gives the stored identity (e-mail
 * and name) of subjects whose references do not carry their e-mail; those missing from it are
 * listed, and the body is to be made again once they are known.
 */
export function redactBody<T>(
  body: T,
  lens: Lens,
  known: ReadonlyMap<number, { email: string; name: string }>,
  about: readonly number[] = [],
): { body: T; missing: Set<number> } {
  const identities = new Map<number, Identity>();
  // Hidden subjects named without their e-mail (events record `{ id, name }`) and not in
  // `known`: the caller reads their identity and asks again.
  const missing = new Set<number>();
  const identityOf = (ref: Ref): Identity => {
    let found = identities.get(ref.id);
    if (!found) {
      const stored = known.get(ref.id);
      if (!ref.email && !stored) missing.add(ref.id);
      const email = (ref.email || stored?.email || '').toLowerCase();
      // A subject is keyed by its e-mail: without one (a deleted row) the id stands in.
      const pseudonym = lens.pseudonym(email || `subject:${ref.id}`);
      const names = [ref.name, stored?.name ?? ''].filter(Boolean);
      const each = [...new Set(names)]
        .map((name) => identityPattern({ name, email }))
        .filter((p): p is RegExp => p !== null);
      const pattern =
        each.length === 0
          ? null
          : each.length === 1
            ? each[0]!
            : new RegExp(each.map((p) => p.source).join('|'), 'gi');
      found = { pseudonym, pattern };
      identities.set(ref.id, found);
    }
    return found;
  };
  const hiddenRef = (ref: Ref, own: Identity[]) => {
    const identity = identityOf(ref);
    own.push(identity);
    return {
      ...ref,
      name: identity.pseudonym,
      ...(ref.email === undefined ? {} : { email: '' }),
      pseudonymised: true,
    };
  };

  const text = (value: string, owners: Identity[]) => {
    if (value.length < 3) return value;
    let out = value;
    for (const o of owners) if (o.pattern) out = out.replace(o.pattern, o.pseudonym);
    return out;
  };

  // Copy on write: an object or list is copied only when something in it changes, so the
  // many parts of an answer that name nobody cost a look, not an allocation.
  const walk = (value: unknown, owners: Identity[]): unknown => {
    if (typeof value === 'string') return owners.length > 0 ? text(value, owners) : value;
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i += 1) {
        const v: unknown = value[i];
        const w = walk(v, owners);
        if (w !== v) (copy ??= value.slice())[i] = w;
      }
      return copy ?? value;
    }
    const obj = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    let done: string[] | undefined;
    const set = (key: string, v: unknown) => {
      (out ??= { ...obj })[key] = v;
      (done ??= []).push(key);
    };
    let own: Identity[] | undefined;
    if (isSubjectResource(obj) && lens.hides(obj.id)) {
      own = [];
      const ref = hiddenRef(obj, own);
      for (const key of ['name', 'email', 'pseudonymised'] as const) set(key, ref[key]);
      // Who someone reports to narrows down who they are: a hidden person's manager is hidden.
      for (const key of ['department', 'jobTitle', 'manager', 'managerSubject'])
        if (key in obj) set(key, null);
    }
    const subject = obj.subject;
    if (isRef(subject) && lens.hides(subject.id)) set('subject', hiddenRef(subject, (own ??= [])));
    // A visible person's manager who is a subject too is shown as any subject is.
    const manager = obj.managerSubject;
    if (isRef(manager) && lens.hides(manager.id) && !done?.includes('managerSubject'))
      set('managerSubject', hiddenRef(manager, []));
    if (Array.isArray(obj.subjects)) {
      const list = obj.subjects as unknown[];
      if (list.some((r) => isRef(r) && lens.hides(r.id)))
        set(
          'subjects',
          list.map((r) => (isRef(r) && lens.hides(r.id) ? hiddenRef(r, (own ??= [])) : r)),
        );
    }
    const all = own && own.length > 0 ? [...owners, ...own] : owners;
    for (const key in obj) {
      if (done?.includes(key)) continue;
      const v = obj[key];
      if (typeof v === 'string') {
        // Times (`detectedAt`, `updatedAt`...) name nobody.
        if (all.length === 0 || key.endsWith('At')) continue;
        const w = text(v, all);
        if (w !== v) (out ??= { ...obj })[key] = w;
        continue;
      }
      if (typeof v !== 'object' || v === null) continue;
      if (all.length > 0 && key in rawKeys) {
        (out ??= { ...obj })[key] = rawKeys[key];
        continue;
      }
      const w = walk(v, all);
      if (w !== v) (out ??= { ...obj })[key] = w;
    }
    return out ?? obj;
  };
  const owners = about.flatMap((id) => {
    const stored = known.get(id);
    if (!stored) missing.add(id);
    return stored ? [identityOf({ id, ...stored })] : [];
  });
  return { body: walk(body, owners) as T, missing };
}
