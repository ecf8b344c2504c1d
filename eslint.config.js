import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import caredesk from './scripts/eslint/own-tables.js';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The core runs in plain Node (tests, headless server) and in Electron alike.
    files: ['src-main/core/**/*.ts'],
    plugins: { caredesk },
    rules: {
      'caredesk/own-tables': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core must not know Electron; put this in src-main/electron/.' },
          ],
          patterns: [
            {
              group: ['**/electron/*', 'electron/*'],
              message: 'The core must not import the Electron shell.',
            },
          ],
        },
      ],
    },
  },
  {
    // Shared code is loaded by the renderer too: nothing Node-only, nothing native, no Electron.
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Shared code runs in the renderer; no Electron here.' },
            { name: 'better-sqlite3', message: 'Shared code runs in the renderer; no native modules.' },
            { name: 'serialport', message: 'Shared code runs in the renderer; no native modules.' },
            ...nodeBuiltins.flatMap((m) => [
              { name: m, message: 'Shared code runs in the renderer; no Node built-ins.' },
              { name: `node:${m}`, message: 'Shared code runs in the renderer; no Node built-ins.' },
            ]),
          ],
          patterns: [
            {
              group: ['**/core/*', '**/electron/*', '**/http/*'],
              message: 'Shared code may not reach into Node-side folders.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the core only through api/client.' }],
          patterns: [
            {
              group: [
                '**/src-main/core/*',
                '**/src-main/core/**',
                '**/src-main/electron/**',
                '**/src-main/http/**',
              ],
              message: 'The renderer may import only src-main/shared.',
            },
          ],
        },
      ],
    },
  },
);
