// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering rules from the style guide: who may import whom.
 * @param {Array<{ group?: string[]; regex?: string; message: string }>} patterns
 */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const webPatterns = [
  { group: ['**/server/**', '**/cli/**'], message: 'web/ imports contract/ and itself only' },
  { group: ['node:*'], message: 'web/ runs in the browser' },
];

/**
 * From a file `depth` folders below server/modules, a path into another module that does not
 * end at its index.ts (`../y/y.repo.ts`, or `../../y/...` from a module's subfolder).
 * @param {1 | 2} depth
 */
const otherModules = (depth) => [
  {
    regex: `^${'\\.\\./'.repeat(depth)}[^./][^/]*/(?!index\\.ts$)`,
    message: 'another module is reached only through its index.ts',
  },
];

const servicePatterns = [
  { group: ['**/http/*'], message: 'services do not know about HTTP' },
  {
    group: ['**/audit/index.ts'],
    importNames: ['recordAudit'],
    message: 'emit a domain event in the unit of work (server/events): it writes the audit record',
  },
];

/** Files that may read process.env besides server/config.ts: tooling and test processes. */
const envReaders = [
  'vitest.config.ts',
  'bin/build-web.js',
  'bench/**/*.ts',
  'cli/run-casefile.ts',
  'cli/jobs.test.ts',
  'e2e/global-setup.ts',
  'e2e/support.ts',
  'server/jobs/crash.test.ts',
  'server/testing/child-server.ts',
  'server/testing/global-setup.ts',
  'server/testing/job-child.ts',
  'server/testing/webhook-receiver.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'data',
      'dist',
      'web/dist',
      'coverage',
      'bench/results',
      'e2e/artifacts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'bin/*.js', 'web/postcss.config.cjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'server/config.ts is the only reader of process.env; take config as an argument',
        },
      ],
    },
  },
  {
    files: ['server/config.ts', ...envReaders],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(webPatterns),
  },
  {
    files: ['web/components/**/*.{ts,tsx}'],
    rules: restrict([
      ...webPatterns,
      {
        group: ['**/features/**'],
        message: 'web/components are domain-free: they never import web/features',
      },
    ]),
  },
  {
    files: ['contract/**/*.ts'],
    rules: restrict([
      { group: ['node:*'], message: 'contract/ imports only zod' },
      { group: ['**/server/**', '**/web/**', '**/cli/**'], message: 'contract/ imports only zod' },
    ]),
  },
  {
    files: ['server/lib/**/*.ts'],
    rules: restrict([
      {
        regex: '^\\.\\./(?!\\.\\./contract/)',
        message: 'server/lib has no domain knowledge: it imports nothing else from server',
      },
    ]),
  },
  // Every file of a module (tests too): another module only through its index.ts.
  { files: ['server/modules/*/*.{ts,tsx}'], rules: restrict(otherModules(1)) },
  { files: ['server/modules/*/*/*.{ts,tsx}'], rules: restrict(otherModules(2)) },
  {
    files: ['server/modules/*/*.routes.ts'],
    rules: restrict([
      ...otherModules(1),
      {
        group: ['**/*.repo.ts', '**/db/*'],
        message: 'routes call their service, never a repository or the database',
      },
    ]),
  },
  {
    files: ['server/modules/*/*.repo.ts'],
    rules: restrict([
      ...otherModules(1),
      {
        group: ['**/*.service.ts', '**/service/*', '**/*.routes.ts', '**/contract/*'],
        message: 'a repository holds SQL only',
      },
    ]),
  },
  {
    files: ['server/modules/*/*.service.ts'],
    rules: restrict([...otherModules(1), ...servicePatterns]),
  },
  {
    files: ['server/modules/*/service/*.ts'],
    rules: restrict([...otherModules(2), ...servicePatterns]),
  },
  {
    files: ['server/modules/**/*.service.ts', 'server/modules/*/service/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'open a change with inTransaction (server/events), never a transaction by hand',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'server/testing/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
