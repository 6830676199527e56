import type { SubjectRef } from '../../../contract/subjects.ts';

/** "Name (e-mail)", or the pseudonym alone when the subject is pseudonymised. */
export const subjectLabel = (s: SubjectRef): string =>
  s.email ? `${s.name} (${s.email})` : s.name;
