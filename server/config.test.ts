import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, renderConfigDocs } from './config.ts';

describe('configuration', () => {
  it('runs with no configuration at all: port 8080, embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, databaseUrl: undefined, logLevel: 'info' });
    expect(config.trustProxy).toEqual({ mode: 'off' });
    expect(config.signIn).toEqual({
      failuresPerAccount: 10,
      failuresPerAddress: 100,
      windowMinutes: 15,
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CASEFILE_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(problems.join('\n')).toMatch(/CASEFILE_ADMIN_PASSWORD: must be at least 12 characters/);
  });

  it('reads the webhook allow-list as exact host[:port] names and refuses anything else', () => {
    expect(loadConfig({}).webhookAllowHosts).toEqual([]);
    expect(
      loadConfig({ CASEFILE_WEBHOOK_ALLOW_HOSTS: ' Hooks.Internal , 10.0.0.5:8443,[fd00::5]:443' })
        .webhookAllowHosts,
    ).toEqual(['hooks.internal', '10.0.0.5:8443', '[fd00::5]:443']);
    expect(() =>
      loadConfig({ CASEFILE_WEBHOOK_ALLOW_HOSTS: 'hooks.internal,http://x/,*.corp' }),
    ).toThrow(/CASEFILE_WEBHOOK_ALLOW_HOSTS: "http:\/\/x\/" is not a host name/);
  });

  it('keeps evidence on the filesystem under the data folder by default, up to 2 GiB', () => {
    const config = loadConfig({ CASEFILE_DATA_DIR: '/srv/casefile' });
    expect(config.evidence).toEqual({
      store: 'filesystem',
      dir: '/srv/casefile/evidence',
      maxBytes: 2147483648,
    });
    expect(Object.isFrozen(config.evidence)).toBe(true);
    expect(loadConfig({ CASEFILE_EVIDENCE_DIR: '/mnt/evidence' }).evidence.dir).toBe(
      '/mnt/evidence',
    );
  });

  it('reads the S3 store, path-style when an endpoint is given', () => {
    const s3 = {
      CASEFILE_EVIDENCE_STORE: 's3',
      CASEFILE_S3_BUCKET: 'evidence',
      CASEFILE_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      CASEFILE_S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
    };
    expect(loadConfig(s3).evidence.s3).toEqual({
      bucket: 'evidence',
      prefix: 'casefile/',
      endpoint: undefined,
      region: 'us-east-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
      forcePathStyle: false,
    });
    const minio = loadConfig({
      ...s3,
      CASEFILE_S3_ENDPOINT: 'http://127.0.0.1:9000',
      CASEFILE_S3_PREFIX: 'team-a',
    }).evidence.s3;
    expect(minio).toMatchObject({ forcePathStyle: true, prefix: 'team-a/' });
    expect(loadConfig({ ...s3, CASEFILE_S3_PREFIX: '/' }).evidence.s3?.prefix).toBe('');
    expect(
      loadConfig({
        ...s3,
        CASEFILE_S3_ENDPOINT: 'https://s3.example',
        CASEFILE_S3_FORCE_PATH_STYLE: 'false',
      }).evidence.s3?.forcePathStyle,
    ).toBe(false);
    expect(loadConfig({ CASEFILE_S3_BUCKET: 'ignored' }).evidence.s3).toBeUndefined();
  });

  it('reports a missing bucket and credentials of the S3 store with the other problems', () => {
    let error: unknown;
    try {
      loadConfig({ CASEFILE_EVIDENCE_STORE: 's3', PORT: 'eighty' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^PORT:/),
      'CASEFILE_S3_BUCKET: required when CASEFILE_EVIDENCE_STORE is s3',
      'CASEFILE_S3_ACCESS_KEY_ID: required when CASEFILE_EVIDENCE_STORE is s3',
      'CASEFILE_S3_SECRET_ACCESS_KEY: required when CASEFILE_EVIDENCE_STORE is s3',
    ]);
    expect(() => loadConfig({ CASEFILE_EVIDENCE_STORE: 'nfs' })).toThrow(/CASEFILE_EVIDENCE_STORE/);
  });

  it('keeps docs/configuration.md generated from the descriptions (npm run docs)', () => {
    expect(readFileSync('docs/configuration.md', 'utf8')).toBe(renderConfigDocs());
  });
});

describe('generated documents', () => {
  it('keeps docs/openapi.json in step with the routes (npm run docs)', async () => {
    const { buildOpenApi } = await import('./http/openapi.ts');
    const { apiRoutes } = await import('./routes.ts');
    const { VERSION } = await import('./app.ts');
    const current = buildOpenApi(apiRoutes(loadConfig({})), VERSION);
    expect(JSON.parse(readFileSync('docs/openapi.json', 'utf8'))).toEqual(current);
  });
});
