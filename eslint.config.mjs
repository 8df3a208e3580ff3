// Process boundaries are lint errors (as Signal Desktop enforces them): Electron only in its glue,
// no Node or main-process code in the shared contract or the renderer, the SDK only in the gateway.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electron = { name: 'electron', message: 'Electron belongs in src/main/electron and src/main/index.ts only.' };
const electronStore = { name: 'electron-store', message: 'electron-store belongs in src/main/electron only.' };
const openai = { name: 'openai', message: 'Every model call goes through the gateway in src/main/core/llm.' };
// SQL lives in core/db and *Repo.ts (and the repos' statement cache); elsewhere a Database is only passed on, as a type.
const sqlHome = ['src/main/core/db/**', 'src/main/**/*Repo.ts', 'src/main/core/util/statements.ts'];
const noSqlImport = {
  name: 'better-sqlite3',
  allowTypeImports: true,
  message: 'SQL lives in core/db and *Repo.ts files; elsewhere import the Database type only.',
};
const noHosts = {
  group: ['**/rpc/*', '**/cli/*', '**/cli', '**/cliEntry', '**/standalone', '**/electron/*', '**/backend', '**/index'],
  message: 'core never imports a host (rpc/, electron/, cli/, standalone, backend): hosts import core.',
};
const noFocus = { selector: 'CallExpression[callee.property.name="only"]', message: 'A focused test hides the rest of the suite.' };
const noStatements = {
  selector:
    'CallExpression[callee.property.name=/^(prepare|pragma|exec)$/][callee.object.name=/^(db|database)$/], CallExpression[callee.property.name=/^(prepare|pragma|exec)$/][callee.object.property.name="db"]',
  message: 'SQL lives in core/db and *Repo.ts files: add a repo method.',
};
const nodeOnly = [
  'node:*',
  'better-sqlite3',
  'openai',
  'openai/*',
  'electron',
  'electron-store',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
];

const rendererPatterns = [
  { group: nodeOnly, message: 'The renderer is sandboxed: talk to the backend through the typed client.' },
  { group: ['**/main/**', '**/preload/**'], message: 'The renderer may only import src/renderer and src/shared.' },
];
const rendererLayers = {
  lib: { forbidden: ['ui', 'api', 'features'], message: 'renderer lib/ holds plain helpers: it may import src/shared only.' },
  ui: {
    forbidden: ['api', 'features'],
    message: 'renderer ui/ holds widgets that take props: it may import lib/ and src/shared, not api/ or a feature.',
  },
  api: {
    forbidden: ['ui', 'features'],
    message: 'renderer api/ is the connection and query keys: it may import lib/ and src/shared, not ui/ or a feature.',
  },
};
// What each core folder may import besides src/shared: its README says the same. Foundations first (they know
// no domain), then domains. Adding an entry is a design decision: prefer moving the shared piece down.
const coreMayImport = {
  util: [],
  db: ['util'],
  secrets: ['util'],
  settings: ['util'],
  redaction: ['util'],
  workers: ['util', 'db', 'datasets', 'evaluation', 'imports', 'arena', 'judging', 'sessions'],
  llm: ['util', 'jobs', 'projects', 'secrets', 'settings'],
  jobs: ['util', 'generation', 'llm'],
  sessions: ['util', 'db', 'projects', 'redaction', 'imports', 'workers'],
  imports: ['util', 'db', 'jobs', 'llm', 'redaction', 'sessions', 'workers'],
  generation: ['util', 'db', 'jobs', 'judging', 'llm', 'projects', 'sessions', 'imports'],
  judging: ['util', 'evaluation', 'generation', 'jobs', 'llm', 'projects', 'sessions', 'imports', 'db', 'workers'],
  datasets: ['util', 'db', 'evaluation', 'jobs', 'llm', 'projects', 'sessions', 'imports', 'workers'],
  training: ['util', 'datasets', 'jobs', 'llm', 'projects', 'sessions'],
  evaluation: ['util', 'datasets', 'db', 'generation', 'jobs', 'judging', 'llm', 'sessions', 'imports', 'workers'],
  arena: ['util', 'evaluation', 'generation', 'jobs', 'judging', 'llm', 'sessions', 'db', 'workers'],
  study: ['util', 'evaluation', 'projects', 'workers'],
  projects: [
    'util',
    'arena',
    'datasets',
    'db',
    'evaluation',
    'generation',
    'jobs',
    'judging',
    'llm',
    'sessions',
    'settings',
    'training',
    'imports',
  ],
};
const coreFolders = Object.keys(coreMayImport);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'test-reports/**',
      'playwright-report/**',
      'build/**',
      '.scratch/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="only"]', message: 'A focused test hides the rest of the suite.' },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, electronStore],
          patterns: [{ group: ['**/electron/*'], message: 'Only src/main/index.ts wires the Electron glue.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/core/llm/**', 'src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, electronStore, openai],
          patterns: [
            { group: ['openai/*'], message: openai.message },
            { group: ['**/electron/*'], message: 'Only src/main/index.ts wires the Electron glue.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: sqlHome,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [noSqlImport] }],
      'no-restricted-syntax': ['error', noFocus, noStatements],
    },
  },
  {
    // The SDK is most of a short CLI command's start-up: inside the gateway it loads on first use, through openAiSdk.ts.
    files: ['src/main/core/llm/**/*.ts'],
    ignores: ['src/main/core/llm/openAiSdk.ts', ...sqlHome],
    rules: {
      'no-restricted-syntax': [
        'error',
        noFocus,
        noStatements,
        {
          selector: 'ImportDeclaration[importKind="value"][source.value=/^openai(\\/|$)/]',
          message: 'Load the OpenAI SDK through openAiSdk() (types may be imported).',
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    ignores: sqlHome,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noSqlImport], patterns: [noHosts] }] },
  },
  {
    files: sqlHome,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noHosts] }] },
  },
  // The hosts reach core through the backend's typed calls; the few helpers they may import directly are named here.
  {
    files: ['src/main/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noSqlImport],
          patterns: [
            {
              group: [
                ...coreFolders.filter((f) => f !== 'util' && f !== 'imports').map((f) => `../core/${f}/*`),
                '../core/imports/*',
                '!../core/imports/importFiles',
              ],
              message:
                'The CLI calls the backend through the typed client; from core it may import util/ and imports/importFiles only (cli/README.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/rpc/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noSqlImport],
          patterns: [
            {
              group: coreFolders.filter((f) => f !== 'util' && f !== 'secrets').map((f) => `../core/${f}/*`),
              message: 'A transport carries calls to the Backend; from core it may import util/ and secrets/ only (rpc/README.md).',
            },
          ],
        },
      ],
    },
  },
  // Each core folder imports only what coreMayImport lists (and its README says); *Repo.ts files may also run SQL.
  ...coreFolders.flatMap((folder) => {
    const others = {
      group: coreFolders.filter((f) => f !== folder && !coreMayImport[folder].includes(f)).map((f) => `**/${f}/*`),
      message: `core/${folder} may import src/shared and ${coreMayImport[folder].map((f) => `core/${f}`).join(', ') || 'nothing else in core'} (its README and coreMayImport in eslint.config.mjs).`,
    };
    const rule = (sql) => ({
      '@typescript-eslint/no-restricted-imports': ['error', { ...(sql ? {} : { paths: [noSqlImport] }), patterns: [noHosts, others] }],
    });
    return [
      { files: [`src/main/core/${folder}/**/*.ts`], ignores: sqlHome, rules: rule(false) },
      {
        files: [`src/main/core/${folder}/**/*Repo.ts`, ...sqlHome.filter((g) => g.startsWith(`src/main/core/${folder}/`))],
        rules: rule(true),
      },
    ];
  }),
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'src/shared runs in the renderer too: no Node, Electron or main-process code.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared may only import src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': ['error', { patterns: rendererPatterns }] },
  },
  // Inside the renderer, each folder's README says what it may import; these are those lines.
  ...Object.entries(rendererLayers).map(([folder, { forbidden, message }]) => ({
    files: [`src/renderer/src/${folder}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...rendererPatterns, { group: forbidden.flatMap((f) => [`../${f}/*`, `../../${f}/*`]), message }] },
      ],
    },
  })),
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '**/main/**', '**/renderer/**'],
              message: 'The preload exposes bridge.call and bridge.subscribe and nothing else.',
            },
          ],
        },
      ],
    },
  },
  // Last: turns off stylistic rules that would fight the formatter (npm run format).
  prettier,
);
