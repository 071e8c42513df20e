import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Besides the usual checks, two boundary rules from the design note:
 * only electron/main and electron/preload may import `electron` (everything else runs in plain Node), and the
 * renderer may import only renderer/ and shared/ (it is a view over the typed API, nothing more).
 */
const electronBan = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron; the engine must run in plain Node.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/fixtures/.cache/**',
      'test/conformance/.tools/**',
      'test/conformance/results/**',
      'playwright-report/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['**/electron/**', '../../electron/*', 'node:*'], message: 'The renderer imports only renderer/ and shared/.' },
            { group: ['fs', 'path', 'os', 'child_process', 'http', 'net', 'crypto'], message: 'No Node APIs in the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
