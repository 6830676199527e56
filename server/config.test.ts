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
