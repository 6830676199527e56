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

/** The ids of the subject references that do not carry their e-mail. */
export function refsWithoutIdentity(body: unknown, out = new Set<number>()): Set<number> {
  if (Array.isArray(body)) for (const v of body) refsWithoutIdentity(v, out);
  else if (typeof body === 'object' && body !== null) {
    const obj = body as Record<string, unknown>;
    const refs: unknown[] = [
      obj.subject,
      ...(Array.isArray(obj.subjects) ? (obj.subjects as unknown[]) : []),
    ];
    for (const r of refs) if (isRef(r) && r.email === undefined) out.add(r.id);
    for (const v of Object.values(obj)) if (typeof v === 'object') refsWithoutIdentity(v, out);
  }
  return out;
}

const isSubjectResource = (v: Record<string, unknown>): v is Ref & Record<string, unknown> =>
  isRef(v) && 'department' in v && 'jobTitle' in v;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The texts that name a person: the whole name and e-mail, the e-mail's local part, and each
 * part of the name or local part of four letters or more (a surname alone names someone).
 */
function identityPattern(ref: { name: string; email: string }): RegExp | null {
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
  return new RegExp(words.map(escape).join('|'), 'giu');
}

/**
 * The body with each hidden subject pseudonymised. `known` gives the stored identity (e-mail
 * and name) of subjects whose references do not carry their e-mail.
 */
export function redactBody<T>(
  body: T,
  lens: Lens,
  known: ReadonlyMap<number, { email: string; name: string }>,
  about: readonly number[] = [],
): T {
  const identities = new Map<number, Identity>();
  const identityOf = (ref: Ref): Identity => {
    let found = identities.get(ref.id);
    if (!found) {
      const stored = known.get(ref.id);
      const email = (ref.email || stored?.email || '').toLowerCase();
      // A subject is keyed by its e-mail: without one (a deleted row) the id stands in.
      const pseudonym = lens.pseudonym(email || `subject:${ref.id}`);
      const names = [ref.name, stored?.name ?? ''].filter(Boolean);
      const patterns = names
        .map((name) => identityPattern({ name, email }))
        .filter((p): p is RegExp => p !== null);
      const pattern =
        patterns.length === 0 ? null : new RegExp(patterns.map((p) => p.source).join('|'), 'giu');
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
    let out = value;
    for (const o of owners) if (o.pattern) out = out.replace(o.pattern, o.pseudonym);
    return out;
  };

  const walk = (value: unknown, owners: Identity[]): unknown => {
    if (typeof value === 'string') return owners.length > 0 ? text(value, owners) : value;
    if (Array.isArray(value)) return value.map((v) => walk(v, owners));
    if (typeof value !== 'object' || value === null) return value;
    const obj = value as Record<string, unknown>;
    const own: Identity[] = [];
    const out: Record<string, unknown> = {};
    if (isSubjectResource(obj) && lens.hides(obj.id)) {
      // Who someone reports to narrows down who they are: a hidden person's manager is hidden.
      Object.assign(out, hiddenRef(obj, own), {
        department: null,
        jobTitle: null,
        manager: null,
        ...('managerSubject' in obj ? { managerSubject: null } : {}),
      });
    }
    if (isRef(obj.subject) && lens.hides(obj.subject.id)) out.subject = hiddenRef(obj.subject, own);
    // A visible person's manager who is a subject too is shown as any subject is.
    if (
      isRef(obj.managerSubject) &&
      lens.hides(obj.managerSubject.id) &&
      !('managerSubject' in out)
    )
      out.managerSubject = hiddenRef(obj.managerSubject, []);
    if (Array.isArray(obj.subjects))
      out.subjects = obj.subjects.map((s: unknown) =>
        isRef(s) && lens.hides(s.id) ? hiddenRef(s, own) : s,
      );
    const all = own.length > 0 ? [...owners, ...own] : owners;
    for (const [key, v] of Object.entries(obj)) {
      if (key in out) continue;
      out[key] = all.length > 0 && key in rawKeys ? rawKeys[key] : walk(v, all);
    }
    return out;
  };
  const owners = about.flatMap((id) => {
    const stored = known.get(id);
    return stored ? [identityOf({ id, ...stored })] : [];
  });
  return walk(body, owners) as T;
}
