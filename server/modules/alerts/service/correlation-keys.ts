/**
 * What correlation matches alerts on: their subject (`s:<subject id>`) and each entity of a
 * correlating type (`e:<type>:<value>`, both compared without case: hosts, domains, accounts
 * and hashes are case-insensitive where they come from).
 */
export const subjectCorrelationKey = (subjectId: number) => `s:${subjectId}`;
export const entityCorrelationKey = (type: string, value: string) =>
  `e:${type.toLowerCase()}:${value.toLowerCase()}`;

/** The entity keys of an alert whose type correlates, each once. */
export function entityKeysOf(
  entities: ReadonlyArray<{ type: string; value: string }>,
  types: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  for (const e of entities)
    if (types.has(e.type.toLowerCase())) out.add(entityCorrelationKey(e.type, e.value));
  return [...out];
}

/** Orders alerts by how much they matter: severity first, then risk score. */
export const leadRankOf = (severityRank: number, riskScore: number) =>
  severityRank * 1000 + riskScore;

/** The recorded reason of the alert that opened its incident. */
export const OPENED = 'opened';
