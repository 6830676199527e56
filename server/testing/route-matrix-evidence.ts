import { phishingEml, runEvidenceJobs, uploadEvidence } from './evidence.ts';
import type { Fixtures, Row } from './route-matrix.ts';

/** Evidence is for investigators and admins: to everyone else it does not exist (404). */
const evidence: Row['expect'] = {
  viewer: 404,
  analyst: 404,
  investigator: 'ok',
  admin: 'ok',
  guest: 404,
  contributor: 404,
};
const immutable: Row['expect'] = { ...evidence, investigator: 405, admin: 405 };
/** Verifying the store is an administrator's duty (admin.manage), as the jobs it runs as are. */
const administrators: Row['expect'] = {
  viewer: 403,
  analyst: 403,
  investigator: 403,
  admin: 'ok',
  guest: 403,
  contributor: 403,
};
const item = async (f: Fixtures, suffix = '') => {
  const { number, id } = await f.newEvidence();
  return { url: `/api/v1/cases/${number}/evidence/${id}${suffix}` };
};

/** A new case with a parsed e-mail (two attachments) an investigator added. */
const email = async (f: Fixtures, suffix: string) => {
  const number = await f.newCase();
  const res = await uploadEvidence(f.env, number, phishingEml(), { name: 'quota.eml' });
  if (res.status !== 201) throw new Error(`e-mail fixture: ${JSON.stringify(res.body)}`);
  await runEvidenceJobs(f.env);
  return { url: `/api/v1/cases/${number}/evidence/${res.body.id}${suffix}` };
};
/** A capture with its thumbnail made. */
const capture = async (f: Fixtures) => {
  const found = await item(f, '/thumbnail');
  await runEvidenceJobs(f.env);
  return found;
};

export const evidenceMatrix: Record<string, Row> = {
  'GET /api/v1/cases/:number/evidence': {
    expect: evidence,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/evidence` }),
  },
  'POST /api/v1/cases/:number/evidence': {
    expect: evidence,
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/evidence?note=matrix`,
      body: 'Notes taken during the interview.',
      headers: {
        'content-type': 'text/plain',
        'content-disposition': 'attachment; filename=notes.txt',
      },
    }),
  },
  'GET /api/v1/cases/:number/evidence/:id': { expect: evidence, request: (f) => item(f) },
  'GET /api/v1/cases/:number/evidence/:id/custody': {
    expect: evidence,
    request: (f) => item(f, '/custody?format=json'),
  },
  'GET /api/v1/cases/:number/evidence/:id/content': {
    expect: evidence,
    request: (f) => item(f, '/content?purpose=Review%20for%20the%20matrix'),
  },
  'GET /api/v1/cases/:number/evidence/:id/view': {
    expect: evidence,
    request: (f) => item(f, '/view'),
  },
  'DELETE /api/v1/cases/:number/evidence/:id': {
    expect: evidence,
    request: async (f) => ({ ...(await item(f)), body: { reason: 'Uploaded to the wrong case' } }),
  },
  'PUT /api/v1/cases/:number/evidence/:id': {
    expect: immutable,
    request: async (f) => ({
      ...(await item(f)),
      body: 'other bytes',
      headers: { 'content-type': 'text/plain' },
    }),
  },
  'PATCH /api/v1/cases/:number/evidence/:id': {
    expect: immutable,
    request: async (f) => ({ ...(await item(f)), body: { name: 'renamed.png' } }),
  },
  'GET /api/v1/cases/:number/evidence/:id/message': {
    expect: evidence,
    request: (f) => email(f, '/message'),
  },
  'GET /api/v1/cases/:number/evidence/:id/message/html': {
    expect: evidence,
    request: (f) => email(f, '/message/html?remote=false'),
  },
  'GET /api/v1/cases/:number/evidence/:id/message/raw-headers': {
    expect: evidence,
    request: (f) => email(f, '/message/raw-headers'),
  },
  'POST /api/v1/cases/:number/evidence/:id/message/attachments/:index': {
    expect: evidence,
    request: (f) => email(f, '/message/attachments/2'),
  },
  'GET /api/v1/cases/:number/evidence/:id/thumbnail': { expect: evidence, request: capture },
  'POST /api/v1/evidence/verify': {
    expect: administrators,
    request: async () => ({ url: '/api/v1/evidence/verify', body: {} }),
  },
  'GET /api/v1/evidence/verify/:jobId': {
    expect: administrators,
    request: async (f) => {
      const queued = await f.env.api('admin').post('/api/v1/evidence/verify', {});
      return { url: `/api/v1/evidence/verify/${queued.body.jobId}` };
    },
  },
};
