import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const apps = ['all-in-one', 'command-api', 'projector', 'export-worker', 'web'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // Nest resolves constructor parameters from emitted metadata: injected classes must be value imports.
    files: [
      'apps/**/*.ts',
      'libs/infra/**/*.ts',
      'libs/read-store/**/*.ts',
      'libs/event-store/**/*.ts',
      'libs/application/**/*.ts',
      'libs/hosts/**/*.ts',
      'bench/server/**/*.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // The dependency rule: the domain is pure TypeScript — no framework, no driver, no Node I/O, no other lib.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Name-based ids are pure functions; every other id of `uuid` draws randomness or reads a clock.
          paths: [{ name: 'uuid', allowImportNames: ['v5'], message: 'The domain only makes name-based (v5) ids.' }],
          patterns: [
            {
              group: ['@nestjs/*', '@eventstore/*', '@fastify/*'],
              message: 'libs/domain must not depend on frameworks or drivers.',
            },
            {
              group: [
                'mongodb',
                'better-sqlite3',
                'bull',
                'ioredis',
                'nodemailer',
                'handlebars',
                'csv-stringify',
                'fastify',
              ],
              message: 'libs/domain must not depend on drivers or I/O libraries.',
            },
            {
              group: ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'net', 'http', 'https', 'os', 'crypto'],
              message: 'libs/domain must not do I/O: time, ids and hashes come in with the command.',
            },
            { group: ['#*', '../../../*'], message: 'libs/domain depends on nothing else in the monorepo.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain reads no clock: time comes in the command.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain reads no clock: time comes in the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The domain has no randomness.',
        },
      ],
    },
  },
  {
    // The browser page (apps/web): React hooks rules; browser globals are TypeScript's concern (DOM lib).
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The layout rule: an app only boots a host, so no app imports another; libraries, tests and the
    // bench never import an app. Paths are resolved (relative and `#lib` imports alike), so a relative
    // path cannot sneak past it. The domain's own rule is above.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...apps.map((app) => ({
              target: `./apps/${app}`,
              from: './apps',
              except: [`./${app}`],
              message: 'An app boots a host from #hosts; it never imports another app.',
            })),
            { target: './libs', from: './apps', message: 'A library never imports an app.' },
            { target: './test', from: './apps', message: 'Tests import libraries, never apps.' },
            { target: './bench', from: './apps', message: 'The bench imports libraries, never apps.' },
            {
              target: './libs/domain',
              from: './libs',
              except: ['./domain'],
              message: 'The domain imports nothing but itself.',
            },
            ...['./apps', './test', './bench'].map((from) => ({
              target: './libs/domain',
              from,
              message: 'The domain imports nothing but itself.',
            })),
          ],
        },
      ],
    },
  },
  {
    // Tests read arbitrary JSON responses.
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/support/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
