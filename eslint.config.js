// One lint setup for every workspace, the dashboard's Svelte files included; type-aware rules stay
// off so lint stays fast. The package boundaries of docs/ARCHITECTURE.md are rules here, so a
// crossing fails lint with the rule's name and a message that says which boundary it crosses.
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const APPS = ['scraper', 'worker', 'api', 'dashboard']
const appPackage = (app) => `@stackradar/${app}`

/** Only a package's exported entry points (its package.json `exports`), never its files. */
const deepImports = {
  group: [
    '@stackradar/*/src',
    '@stackradar/*/src/**',
    'stackradar/src/**',
    '@stackradar/core/*/*',
    '!@stackradar/core/contracts/api',
    '!@stackradar/core/contracts/payloads',
    '!@stackradar/core/analytics/testing',
    '!@stackradar/core/reports/testing',
    '**/../core/src/**',
    '**/../scraper/src/**',
    '**/../worker/src/**',
    '**/../api/src/**',
    '**/../cli/src/**',
    '**/../dashboard/src/**',
  ],
  message:
    'boundary: import another package only through its exported entry points (package.json "exports").',
}

/** Apps import core, never each other (cli, the composition root, and test may wire them). */
function otherApps(pkg) {
  const names = [...APPS.filter((a) => a !== pkg).map(appPackage), 'stackradar', 'stackradar/**']
  const what =
    pkg === 'core'
      ? 'core is imported by the apps and imports none of them'
      : `${pkg} is an app; apps import @stackradar/core, never another app (only cli wires them)`
  return { group: names, message: `boundary: ${what}.` }
}

/** The raw query helper stays in core's table, clickhouse and analytics layers. */
const rawQueryImport = {
  name: '@stackradar/core/clickhouse',
  importNames: ['queryRows', 'queryRowsByChunks'],
  message:
    'boundary: SQL lives in core (core/src/tables, core/src/clickhouse, core/src/analytics); call a table verb.',
}
const rawQueryRelative = {
  group: ['**/clickhouse/query.ts'],
  message: rawQueryImport.message,
}
const rawQueryCalls = [
  "CallExpression[callee.property.name='query'][callee.object.name=/^(ch|client)$/]",
  "CallExpression[callee.property.name='query'][callee.object.property.name=/^(ch|client)$/]",
].map((selector) => ({ selector, message: rawQueryImport.message }))

// SQL lives in the table modules, the analytics queries and the ClickHouse plumbing only.
const SQL_LAYER = ['core/src/clickhouse/**', 'core/src/tables/**', 'core/src/analytics/**']
const TESTS = ['**/*.test.ts', 'test/**', '**/bench/**', 'api/src/test-app.ts']

/** Two blocks per package: the import boundaries for all its files, and SQL kept in its layer. */
function boundaries(pkg, files) {
  const patterns = pkg === 'cli' ? [deepImports] : [deepImports, otherApps(pkg)]
  return [
    { files, rules: { 'no-restricted-imports': ['error', { patterns }] } },
    {
      files,
      ignores: [...TESTS, ...SQL_LAYER],
      rules: {
        'no-restricted-imports': [
          'error',
          pkg === 'core'
            ? { patterns: [...patterns, rawQueryRelative] }
            : { paths: [rawQueryImport], patterns },
        ],
        'no-restricted-syntax': ['error', ...rawQueryCalls],
      },
    },
  ]
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', 'data/**', '**/.svelte-kit/**', '**/build/**', '.tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['dashboard/**/*.svelte', 'dashboard/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  { files: ['dashboard/**'], languageOptions: { globals: globals.browser } },
  { files: ['dashboard/*.js', 'dashboard/*.ts'], languageOptions: { globals: globals.node } },

  // Package boundaries (a later block's options replace an earlier one's for the files it matches).
  ...['core', 'scraper', 'worker', 'api', 'cli'].flatMap((pkg) => boundaries(pkg, [`${pkg}/**/*.ts`])),
  { files: ['test/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [deepImports] }] } },
  // The dashboard is a browser bundle: from core it takes the contracts only.
  {
    files: ['dashboard/src/**/*.ts', 'dashboard/src/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepImports,
            otherApps('dashboard'),
            {
              group: ['@stackradar/core/*', '!@stackradar/core/contracts', '!@stackradar/core/contracts/*'],
              message:
                'boundary: the dashboard runs in the browser; from core it imports @stackradar/core/contracts only.',
            },
          ],
        },
      ],
    },
  },
)
