import { atJsonPath, docs, isDoc, score, str, time, type Doc } from './read.ts';

/** A stored mapping: our field -> JSON path, and the source's severity words -> ours. */
export interface FieldMapping {
  fields: Partial<Record<string, string>>;
  severityMap: Record<string, string>;
}

/** The documents of a body: one object or an array of them. */
export const genericDocuments = (body: unknown): Doc[] =>
  Array.isArray(body) ? docs(body) : isDoc(body) ? [body] : [];

/** Any JSON document read through a source's field mapping, as our alert input. */
export function fromGeneric(
  doc: Doc,
  source: string,
  mapping: FieldMapping,
): Record<string, unknown> {
  const at = (field: string) => {
    const path = mapping.fields[field];
    return path === undefined ? undefined : atJsonPath(doc, path);
  };
  const sevWord = str(at('severity'));
  const severity =
    sevWord === undefined ? undefined : (mapping.severityMap[sevWord] ?? sevWord.toLowerCase());
  const subject = {
    email: str(at('subjectEmail')),
    upn: str(at('subjectUpn')),
    name: str(at('subjectName')),
    department: str(at('subjectDepartment')),
    manager: str(at('subjectManager')),
    jobTitle: str(at('subjectJobTitle')),
  };
  const present = Object.fromEntries(Object.entries(subject).filter(([, v]) => v !== undefined));
  return {
    source,
    externalId: str(at('externalId')),
    title: str(at('title')),
    description: str(at('description')) ?? '',
    severity,
    riskScore: score(at('riskScore')) ?? 0,
    detectedAt: time(at('detectedAt')),
    ...(subject.email || subject.upn ? { subject: present } : {}),
    entities: [],
    events: [],
    payload: doc,
  };
}
