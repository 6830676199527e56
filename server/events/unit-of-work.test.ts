import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../db/dialect.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { startTestEnv, type TestEnv } from '../testing/harness.ts';
import { COMMITTED_CHANNEL, onCommitted, parseCommitted, type Committed } from './committed.ts';
import { inTransaction, joinUnit } from './unit-of-work.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const eventsOf = (action: string) =>
  env.db.selectFrom('auditEvents').selectAll().where('action', '=', action).execute();

const renameView = (id: number, name: string) => ({
  targetId: id,
  before: { name: 'before' },
  after: { name },
});

describe('the unit of work', () => {
  it('derives the audit record from the emitted event, in the chain, with the actor and time', async () => {
    const ctx = env.ctx('analyst');
    const seq = await inTransaction(ctx, (_tx, emit) =>
      emit('view.updated', renameView(41, 'derived')),
    );
    const [row] = (await eventsOf('view.updated')).filter((e) => e.targetId === '41');
    expect(row).toMatchObject({
      seq,
      targetType: 'view',
      actorId: env.members.analyst.id,
      actorName: env.members.analyst.actor.name,
      caseId: null,
      after: JSON.stringify({ name: 'derived' }),
    });
    expect((await verifyAuditChain(env.db, env.workspaceId)).ok).toBe(true);
  });

  it('leaves neither the change, its event nor its hooks behind when the work throws', async () => {
    const ctx = env.ctx('analyst');
    const heard: Committed[] = [];
    const stop = onCommitted((c) => heard.push(c));
    let hookRan = false;
    await expect(
      inTransaction(ctx, async (tx, emit, unit) => {
        await tx
          .updateTable('workspaces')
          .set({ name: 'Renamed inside a failed change' })
          .where('id', '=', env.workspaceId)
          .execute();
        await emit('view.updated', renameView(42, 'rolled back'));
        unit.afterCommit(() => {
          hookRan = true;
        });
        throw new Error('the change fails after its event');
      }),
    ).rejects.toThrow('the change fails');
    stop();
    expect((await eventsOf('view.updated')).filter((e) => e.targetId === '42')).toEqual([]);
    const ws = await env.db
      .selectFrom('workspaces')
      .select('name')
      .where('id', '=', env.workspaceId)
      .executeTakeFirstOrThrow();
    expect(ws.name).not.toBe('Renamed inside a failed change');
    expect(hookRan).toBe(false);
    expect(heard).toEqual([]);
  });

  it('runs after-commit hooks and wake-ups only once the commit is visible', async () => {
    const ctx = env.ctx('analyst');
    const seen: string[] = [];
    const stop = onCommitted((c) => {
      if (c.workspaceId === env.workspaceId) seen.push(`committed ${c.seq}`);
    });
    const seq = await inTransaction(ctx, async (_tx, emit, unit) => {
      const s = await emit('view.updated', renameView(43, 'hooked'));
      unit.afterCommit(() => {
        seen.push('hook');
      });
      // Nothing has run yet: the transaction is still open.
      expect(seen).toEqual([]);
      return s;
    });
    stop();
    expect(seen).toEqual(['hook', `committed ${seq}`]);
  });

  it('lets a service called inside a change join it: one transaction, one chain', async () => {
    const ctx = env.ctx('analyst');
    await expect(
      inTransaction(ctx, async (tx, emit) => {
        await emit('view.updated', renameView(44, 'outer'));
        await inTransaction({ ...ctx, db: tx }, (_inner, innerEmit) =>
          innerEmit('view.updated', renameView(45, 'inner')),
        );
        await joinUnit(tx).emit('view.updated', renameView(46, 'joined'));
        throw new Error('the outer change fails');
      }),
    ).rejects.toThrow('outer change fails');
    const left = (await eventsOf('view.updated')).filter((e) =>
      ['44', '45', '46'].includes(e.targetId),
    );
    expect(left).toEqual([]);
    expect((await verifyAuditChain(env.db, env.workspaceId)).ok).toBe(true);
  });

  it('refuses to join a handle that is not a unit of work in progress', () => {
    expect(() => joinUnit(env.db)).toThrow('not a unit of work');
  });

  it('wakes other processes on PostgreSQL at commit, never for a rollback', async (t) => {
    if (!isPostgres(env.db)) return t.skip('one process shares an embedded database');
    const url = env.database.cliEnv.DATABASE_URL!;
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const heard: Committed[] = [];
    listener.on('notification', (n) => {
      const c = parseCommitted(n.payload);
      if (c) heard.push(c);
    });
    await listener.query(`listen ${COMMITTED_CHANNEL}`);
    const ctx = env.ctx('analyst');
    await inTransaction(ctx, async (_tx, emit) => {
      await emit('view.updated', renameView(47, 'rolled back'));
      throw new Error('no');
    }).catch(() => undefined);
    const seq = await inTransaction(ctx, (_tx, emit) =>
      emit('view.updated', renameView(48, 'committed')),
    );
    await expect.poll(() => heard.length).toBe(1);
    expect(heard).toEqual([{ workspaceId: env.workspaceId, seq }]);
    await listener.end();
  });
});
