// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries: a folder's name says what its code may import (see DESIGN.md, Architecture).
 * Entries with a slash are folder globs; bare names are packages (`node:*` means every Node built-in).
 */
const forbid = (entries, message) => {
  const paths = entries.filter((e) => !e.includes('/') && !e.includes('*')).map((name) => ({ name, message }));
  const patterns = entries.filter((e) => e.includes('/') || e.includes('*')).map((group) => ({ group: [group], message }));
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'reports/**', 'bench-results/**', '.stryker-tmp*/**'] }, // reports/: git-ignored scratch
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // Playwright fixtures take their dependencies by destructuring, `async ({}, use) =>` included.
  { files: ['tests/e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  { files: ['electron/**/*.ts', 'tests/**/*.ts', '*.ts', '*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(['**/electron/core/**', '**/electron/main/**', '**/electron/server/**', '**/electron/preload/**', 'electron', 'node:*', 'better-sqlite3'], 'The renderer talks to the workspace only through the contract client (renderer/src/api).'),
    },
  },
  {
    files: ['electron/api/**/*.ts'],
    rules: forbid(['../core/**', '../main/**', '../server/**', '../preload/**', 'electron', 'node:*', 'better-sqlite3', 'react'], 'electron/api is the pure contract shared by every layer.'),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: forbid(['electron', '../main/**', '../server/**', '../preload/**', 'react', '**/renderer/**'], 'electron/core is plain Node: no Electron, no hosts, no UI.'),
  },
  {
    files: ['electron/server/**/*.ts'],
    rules: forbid(['electron', '../main/**', '../preload/**', '**/renderer/**'], 'The browser host serves core over HTTP; it never imports Electron or the UI.'),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid(['../core/**', '../server/**', '../main/**', 'better-sqlite3', 'node:*'], 'The preload exposes the contract and nothing else.'),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: forbid(['../server/**', '**/renderer/**'], 'The desktop host uses core and the contract, not the browser host or the UI.'),
  },
);
