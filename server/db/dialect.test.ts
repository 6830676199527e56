import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import {
  holdsText,
  isOneOf,
  jsonObjectsHoldText,
  isPostgres,
  matchSearchDocs,
  searchTerms,
  utcTimePrefix,
} from './dialect.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const ws = await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  const status = await db.selectFrom('caseStatuses').select('id').executeTakeFirstOrThrow();
  const at = '2026-01-01T00:00:00.000Z';
  const c = await db
    .insertInto('cases')
    .values({
      workspaceId: ws.id,
      number: 1,
      title: 't',
      description: '',
      priority: 'low',
      priorityRank: 2,
      statusId: status.id,
      statusCategory: 'new',
      tags: '[]',
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const docs = [
    'Exfiltration to a personal Gmail account',
    'USB copy of the Zürich design files',
    'Impossible travel from Lagos and Oslo',
  ];
  for (const [i, body] of docs.entries())
    await db
      .insertInto('searchDocs')
      .values({ workspaceId: ws.id, caseId: c.id, kind: 'comment', refId: i + 1, body })
      .execute();
});
afterAll(() => database.close());

const search = async (q: string) =>
  (
    await database.db
      .selectFrom('searchDocs')
      .select('refId')
      .where(matchSearchDocs(database.db, searchTerms(q)))
      .orderBy('refId')
      .execute()
  ).map((r) => r.refId);

describe('dialect helpers', () => {
  it('knows which engine it talks to', () => {
    expect(isPostgres(database.db)).toBe(database.engine === 'postgres');
  });

  it('keeps only words from free text, lower-cased', () => {
    expect(searchTerms(`Robert'); DROP TABLE "cases" --`)).toEqual([
      'robert',
      'drop',
      'table',
      'cases',
    ]);
    expect(searchTerms('***')).toEqual([]);
  });

  it('matches documents holding every word, case-insensitively, with a prefix on the last word', async () => {
    expect(await search('gmail')).toEqual([1]);
    expect(await search('PERSONAL exfil')).toEqual([1]);
    expect(await search('usb design')).toEqual([2]);
    expect(await search('usb oslo')).toEqual([]);
    expect(await search('zürich')).toEqual([2]);
    expect(await search('lagos oslo')).toEqual([3]);
    expect(await search(`o'brien") OR 1=1 --`)).toEqual([]);
  });

  it('names the UTC hour and day of a stored time', async () => {
    const row = await database.db
      .selectFrom('cases')
      .select([
        utcTimePrefix(database.db, 'cases.createdAt', 'hour').as('hour'),
        utcTimePrefix(database.db, 'cases.createdAt', 'day').as('day'),
      ])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ hour: '2026-01-01T00', day: '2026-01-01' });
  });

  it('finds text inside a column exactly, with no wildcards and minding case', async () => {
    const hits = async (needle: string) =>
      (
        await database.db
          .selectFrom('searchDocs')
          .select('refId')
          .where(holdsText(database.db, 'searchDocs.body', needle))
          .orderBy('refId')
          .execute()
      ).map((r) => r.refId);
    expect(await hits('Gmail')).toEqual([1]);
    expect(await hits('gmail')).toEqual([]);
    expect(await hits('%')).toEqual([]);
    expect(await hits('_')).toEqual([]);
    expect(await hits('Zürich')).toEqual([2]);
  });

  it('matches a column against a list bound as one value, of numbers or of texts', async () => {
    const refs = async (where: ReturnType<typeof isOneOf>) =>
      (
        await database.db
          .selectFrom('searchDocs')
          .select('refId')
          .where(where)
          .orderBy('refId')
          .execute()
      ).map((r) => r.refId);
    expect(await refs(isOneOf(database.db, 'searchDocs.refId', [3, 1, 99]))).toEqual([1, 3]);
    expect(await refs(isOneOf(database.db, 'searchDocs.refId', []))).toEqual([]);
    const body = 'Impossible travel from Lagos and Oslo';
    expect(await refs(isOneOf(database.db, 'searchDocs.body', [body, "x') or 1=1 --"]))).toEqual([
      3,
    ]);
    const many = Array.from({ length: 40_000 }, (_, i) => i + 2);
    expect(await refs(isOneOf(database.db, 'searchDocs.refId', many))).toEqual([2, 3]);
  });

  it('finds text in the values of a JSON array of objects, not in its keys or quoting', async () => {
    const db = database.db;
    const base = await db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    const { id: _, ...row } = base;
    const mailboxes = [
      [{ name: 'Dana Jürgensen', address: 'dana@example.org' }],
      [
        { name: '', address: 'x@corp.example' },
        { name: 'Ops "Desk"', address: 'ops@corp.example' },
      ],
      [],
    ];
    for (const [i, boxes] of mailboxes.entries())
      await db
        .insertInto('cases')
        .values({ ...row, number: 100 + i, tags: JSON.stringify(boxes) })
        .execute();
    await db
      .insertInto('cases')
      .values({ ...row, number: 103, tags: 'null' })
      .execute();
    const hits = async (needle: string) =>
      (
        await db
          .selectFrom('cases')
          .select('number')
          .where('number', '>=', 100)
          .where(jsonObjectsHoldText(db, 'cases.tags', ['name', 'address'], needle))
          .orderBy('number')
          .execute()
      ).map((r) => r.number);
    expect(await hits('DANA@')).toEqual([100]);
    expect(await hits('corp.example')).toEqual([101]);
    expect(await hits('ops "desk"')).toEqual([101]);
    expect(await hits('JÜRGEN')).toEqual([100]);
    expect(await hits('address')).toEqual([]);
    expect(await hits('":"')).toEqual([]);
    expect(await hits('%')).toEqual([]);
  });
});
