import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerPolicies, relayPolicies, serverPolicies, simPolicies } from './lint/layers.js';

// The folder tree is the import graph (docs/architecture.md): each layer imports only the layers below it.
// Lowest first. A feature imports no other feature; what two features need lives in a layer below them.
const appLayers = [
  // The core (docs/architecture.md) sits under everything: the browser, the server and the benchmarks
  // share it. The poller's rooms (core/polling/*) go up from what one action's watch is to the scheduler.
  { type: 'core-lib', pattern: 'core/lib' },
  { type: 'core-defender', pattern: 'core/defender' },
  { type: 'core-watch', pattern: 'core/polling/watch' },
  { type: 'core-relay-stream', pattern: 'core/relay-stream' },
  { type: 'core-history', pattern: 'core/polling/history' },
  { type: 'core-list-shapes', pattern: 'core/polling/list-shapes' },
  { type: 'core-pacing', pattern: 'core/polling/pacing' },
  { type: 'core-scheduler', pattern: 'core/polling/scheduler' },
  // Several tenants (an MSSP's customers): which tenants an action is asked in, and what their answers say.
  { type: 'core-tenants', pattern: 'core/polling/tenants' },
  { type: 'lib', pattern: 'src/lib' },
  { type: 'config', pattern: 'src/config' },
  { type: 'api', pattern: 'src/api' },
  { type: 'auth', pattern: 'src/auth' },
  // The browser's part of the poller, in rooms the same way: its stores, the tabs, the relay client, then
  // the React glue that starts it all and hands the pages what it knows.
  { type: 'polling-list-shapes', pattern: 'src/polling/list-shapes' },
  { type: 'polling-history', pattern: 'src/polling/history' },
  { type: 'polling-tabs', pattern: 'src/polling/tabs' },
  { type: 'polling-relay-client', pattern: 'src/polling/relay-client' },
  { type: 'polling-tenants', pattern: 'src/polling/tenants' },
  { type: 'polling-react', pattern: 'src/polling/react' },
  { type: 'action-ui', pattern: 'src/action-ui' },
  { type: 'feature', pattern: 'src/features/*', capture: ['feature'] },
  { type: 'app', pattern: 'src/app' },
];

// The simulator's layers, the same way (sim/README.md): the two emulations never import each other, the
// seeded data sits on the Defender emulation, and the client that tests and benchmarks use sits on top.
// Files, not folders: the simulator's composition and seed are single files at the top of sim/.
const simLayers = [
  { category: 'sim-base', pattern: ['sim/http/**', 'sim/clock.ts', 'sim/constants.ts'] },
  { category: 'sim-defender', pattern: 'sim/defender/**' },
  { category: 'sim-identity', pattern: 'sim/identity/**' },
  { category: 'sim-seed', pattern: 'sim/seed.ts' },
  { category: 'sim-composition', pattern: ['sim/server.ts', 'sim/main.ts', 'sim/vite-plugin.ts'] },
  { category: 'sim-testing', pattern: 'sim/testing/**' },
];

// The relay's layers (relay/README.md), lowest first; each may import the ones below it, and of the app only
// the pure layers (lib, api, polling's policies and poller): nothing of React, the DOM or MSAL.
const relayLayers = [
  { category: 'relay-config', pattern: 'relay/config/**' },
  { category: 'relay-auth', pattern: 'relay/auth/**' },
  { category: 'relay-state', pattern: 'relay/state/**' },
  { category: 'relay-access', pattern: 'relay/access/**' },
  { category: 'relay-poller', pattern: 'relay/poller/**' },
  { category: 'relay-http', pattern: 'relay/http/**' },
  { category: 'relay-composition', pattern: ['relay/relay.ts', 'relay/main.ts'] },
  { category: 'relay-testing', pattern: 'relay/testing/**' },
];
// The app's server (server/README.md), lowest first: its settings, then its parts (each one job: the app's
// files, the Defender path, health, logging), then the HTTP composition that puts them and the relay
// together, then the process. It reaches the browser's code only through the core, as the relay does.
const serverLayers = [
  { category: 'server-config', pattern: 'server/config/**' },
  { category: 'server-part', pattern: ['server/logging/**', 'server/defender-path/**', 'server/app-files/**', 'server/health/**'] },
  { category: 'server-http', pattern: 'server/http/**' },
  { category: 'server-composition', pattern: 'server/main.ts' },
  { category: 'server-testing', pattern: 'server/testing/**' },
];
const deployHeaders = [{ category: 'deploy-headers', pattern: ['deploy/security-headers.ts', 'deploy/allowed-origins.ts', 'deploy/cache-control.ts'] }];

// Of the code it shares with the browser, the relay may import the core only (tsconfig.server.json refuses
// any other file too). Its tests may use the core's test helpers.
const coreForRelay = [
  { category: 'app-pure', pattern: ['core/lib/**', 'core/defender/**', 'core/polling/**', 'core/relay-stream/**'] },
  { category: 'core-testing', pattern: 'core/testing/**' },
];

export default tseslint.config(
  { ignores: ['dist', 'server/dist', 'server/dist-*', 'dist-*', 'node_modules', 'test-results', 'test-results-*', 'playwright-report', 'playwright-report-*', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/sim/**'], message: 'The app must not import the simulator.' },
            // The app must build and run without the relay.
            { group: ['**/relay/**'], message: 'The app must not import the relay.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'core/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': [...appLayers, { type: 'testing', pattern: '(src|core)/testing' }],
      'boundaries/files': [{ category: 'test', pattern: '**/*.test.{ts,tsx}' }],
      'import/resolver': { typescript: { project: 'tsconfig.app.json' } },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.app.json' })],
      // no-cycle follows imports through files it parses itself: TypeScript needs its own parser there.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies(appLayers) }],
      // Every file of the app sits in a layer: a new folder is placed in the tree on purpose, not by accident.
      'boundaries/no-unknown-files': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['sim/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/files': [...simLayers, { category: 'test', pattern: '**/*.test.ts' }],
      'import/resolver': { typescript: { project: 'tsconfig.node.json' } },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.node.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: simPolicies() }],
      'boundaries/no-unknown-files': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['relay/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/files': [...relayLayers, ...coreForRelay, ...simLayers, { category: 'test', pattern: '**/*.test.ts' }],
      'import/resolver': { typescript: { project: 'tsconfig.relay.json' } },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.relay.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: relayPolicies(relayLayers.map((layer) => layer.category)) }],
      'boundaries/no-unknown-files': 'error',
      // An import of a file in no category (a .tsx component, say) is refused, not let through.
      'boundaries/no-unknown-dependencies': 'error',
      'import-x/no-cycle': 'error',
      // Browser-only modules that sit in the allowed folders all the same.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/*.tsx', '**/poller-provider', '**/start-polling', '**/poller-coordinator', '**/tab-leadership', '**/defender-context', '**/sim/defender/**', '**/sim/identity/**', '**/sim/http/**'], message: 'The relay imports only the pure modules of src/ (and tests only sim/testing, sim/server.ts, sim/seed.ts, sim/constants.ts).' }] },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/files': [...serverLayers, ...relayLayers, ...coreForRelay, ...deployHeaders, ...simLayers, { category: 'test', pattern: '**/*.test.ts' }],
      'import/resolver': { typescript: { project: 'tsconfig.server.json' } },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.node.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: serverPolicies(relayLayers.map((layer) => layer.category)) }],
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown-dependencies': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    // The core runs in the browser and in Node: it imports nothing of the app, the server or React.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**', '**/relay/**', '**/server/**', '**/sim/**', 'react', 'react-dom', '@tanstack/*', '@azure/*', '@mantine/*', 'node:*'], message: 'The core imports only the core (and valibot).' }] },
      ],
    },
  },
  {
    // The simulator never depends on the relay either: the relay is one more client of it.
    files: ['sim/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/relay/**'], message: 'The simulator does not import the relay.' }] }],
    },
  },
  {
    // Tests and benchmarks drive the simulator through its client, never its insides.
    files: ['e2e/**/*.ts', 'scripts/**/*.ts', 'playwright.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/sim/defender/**', '**/sim/identity/**', '**/sim/http/**', '**/sim/server.ts'], message: 'Use sim/testing (the simulator client), sim/seed.ts or sim/constants.ts.' }] },
      ],
    },
  },
  {
    files: ['sim/**/*.ts', 'relay/**/*.ts', 'server/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', 'deploy/**/*.ts', 'lint/**/*.js', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
