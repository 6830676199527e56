// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering rules from the style guide: who may import whom.
 * @param {Array<{ group?: string[]; regex?: string; message: string }>} patterns
 */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      { group: ['**/server/**', '**/cli/**'], message: 'web/ imports contract/ and itself only' },
      { group: ['node:*'], message: 'web/ runs in the browser' },
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
  {
    files: ['server/modules/*/*.routes.ts'],
    rules: restrict([
      {
        group: ['**/*.repo.ts', '**/db/*'],
        message: 'routes call their service, never a repository or the database',
      },
    ]),
  },
  {
    files: ['server/modules/*/*.repo.ts'],
    rules: restrict([
      {
        group: ['**/*.service.ts', '**/service/*', '**/*.routes.ts', '**/contract/*'],
        message: 'a repository holds SQL only',
      },
    ]),
  },
  {
    files: ['server/modules/**/*.service.ts', 'server/modules/*/service/*.ts'],
    rules: restrict([
      {
        group: ['../*/*.repo.ts', '../../*/*.repo.ts'],
        message: "use the other module's index.ts, not its repository",
      },
      { group: ['**/http/*'], message: 'services do not know about HTTP' },
      {
        group: ['**/audit/index.ts'],
        importNames: ['recordAudit'],
        message:
          'emit a domain event in the unit of work (server/events): it writes the audit record',
      },
    ]),
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
