import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Besides the usual checks, the boundary rules from the design note:
 * only electron/main and electron/preload may import `electron` (everything else runs in plain Node), the
 * renderer may import only renderer/ and shared/ (it is a view over the typed API, nothing more), shared/
 * imports nothing of ours but shared/, and inside electron/ dependencies point down, room by room:
 *   core <- runtime, settings, secrets <- catalog, gateway, history, hooks, telemetry, clients, servers
 *        <- app (the composition root) <- control, cli, main
 * A room may import its own tier and the tiers below; an upward import fails the lint.
 */
const electronBan = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron; the engine must run in plain Node.',
};

const tiers = [
  ['core'],
  ['runtime', 'settings', 'secrets'],
  ['catalog', 'gateway', 'history', 'hooks', 'telemetry', 'clients', 'servers'],
  ['app'],
  ['control', 'cli', 'main'],
];

/** The rooms above `tier`, as a pattern that matches a relative import into any of them. */
function importsAbove(tier) {
  const above = tiers.slice(tier + 1).flat();
  return {
    regex: `^(\\.\\./)+(${above.join('|')})/`,
    message: `Dependencies point down (core <- runtime, settings, secrets <- catalog, gateway, history, hooks, telemetry, clients, servers <- app <- control, cli, main): this room may not import ${above.join(', ')}.`,
  };
}

const roomRules = tiers.flatMap((rooms, tier) =>
  tier === tiers.length - 1
    ? []
    : [
        {
          files: rooms.map((room) => `electron/${room}/**`),
          rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [importsAbove(tier)] }] },
        },
      ],
);

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
  ...roomRules,
  {
    files: ['electron/control/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [{ regex: '^(\\.\\./)+(cli|main|preload)/', message: 'The control API is served by main and cli, never the other way.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(cli|preload)/', message: 'The Electron shell builds on app/ and control/, not on the CLI.' }] },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(?!shared/)[a-z-]+/',
              message: 'The preload exposes the shared/ bridge only; it imports electron and shared/, nothing of the engine.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronBan], patterns: [{ regex: '^\\.\\./', message: 'shared/ is the contract: it imports nothing of ours but shared/.' }] },
      ],
    },
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
