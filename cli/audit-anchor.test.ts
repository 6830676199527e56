import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCasefile } from './run-casefile.ts';
import { startTestEnv, type TestEnv } from '../server/testing/harness.ts';

let env: TestEnv;
const dir = mkdtempSync(join(tmpdir(), 'casefile-anchors-'));
const file = join(dir, 'anchors.jsonl');
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const casefile = (...args: string[]) => runCasefile(env.database.cliEnv, ...args);

describe('audit anchors', () => {
  it('catches a chain whose tail was cut and whose head was moved back', async () => {
    for (const title of ['First', 'Second', 'Third'])
      expect((await env.api('analyst').post('/api/v1/cases', { title })).status).toBe(201);
    const anchored = await casefile('audit-anchor', '--file', file);
    expect(anchored.code, anchored.stderr).toBe(0);
    const head = await env.db.selectFrom('auditHeads').selectAll().executeTakeFirstOrThrow();
    expect(anchored.stdout).toContain(`anchored event #${head.seq}`);
    expect(JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!)).toMatchObject({
      seq: head.seq,
      hash: head.hash,
    });
    const ok = await casefile('verify-audit', '--anchor', file);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/chain intact, 1 anchors matched/);

    // Someone with database access removes the last two events and rewinds the head to match.
    const keep = await env.db
      .selectFrom('auditEvents')
      .select(['seq', 'hash'])
      .where('seq', '=', head.seq - 2)
      .executeTakeFirstOrThrow();
    await env.db.deleteFrom('auditEvents').where('seq', '>', keep.seq).execute();
    await env.db
      .updateTable('auditHeads')
      .set({ seq: keep.seq, hash: keep.hash })
      .where('workspaceId', '=', head.workspaceId)
      .execute();
    const alone = await casefile('verify-audit');
    expect(alone.code).toBe(0); // on its own, the shortened chain is consistent
    const against = await casefile('verify-audit', '--anchor', file);
    expect(against.code).toBe(3);
    expect(against.stdout).toContain(`event ${head.seq}, anchored at`);
    expect(against.stdout).toContain('is gone: the chain was cut');
  });

  it('names the line of an anchor file that is not one', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"workspaceId":1,"seq":1,"hash":"x","at":"now"}\nnot json\n');
    const res = await casefile('verify-audit', '--anchor', bad);
    expect(res.code).not.toBe(0);
    expect(res.stderr + res.stdout).toContain('line 2 of the anchor file is not an audit anchor');
  });
});
