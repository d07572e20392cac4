// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Import boundaries of DESIGN.md §1: dependencies point inward.
const restrict = (files, patterns) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
  },
});
const noNode = {
  group: ['node:*', 'fs', 'path', 'crypto', 'http', 'os'],
  message: 'must stay isomorphic: no Node built-ins',
};
const noSdk = {
  group: ['openai', 'openai/*'],
  message: 'only server/src/provider may import the openai SDK',
};
const noReact = {
  group: ['react', 'react-dom', '@xyflow/*', 'zustand'],
  message: 'UI libraries belong in web/',
};
const noOuter = (...names) => ({
  group: names.map((n) => `@atelier/${n}`),
  message: 'dependencies point inward (DESIGN.md §1)',
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  restrict(
    ['packages/graph/**'],
    [noNode, noSdk, noReact, noOuter('nodes', 'engine', 'server', 'web', 'fake-openai')],
  ),
  restrict(
    ['packages/nodes/**'],
    [noNode, noSdk, noReact, noOuter('engine', 'server', 'web', 'fake-openai')],
  ),
  restrict(['packages/engine/**'], [noSdk, noReact, noOuter('server', 'web', 'fake-openai')]),
  restrict(
    ['packages/fake-openai/src/**'],
    [noReact, noOuter('graph', 'nodes', 'engine', 'server', 'web')],
  ),
  restrict(['server/**'], [noReact, noOuter('web')]),
  {
    files: ['server/**'],
    ignores: ['server/src/provider/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noReact, noOuter('web'), noSdk] },
      ],
    },
  },
  ...webLayers(),
  ...webTypeAware(),
);

/**
 * The editor's layers (web/README.md): features (app, canvas, node-card, palette, inspector,
 * library, runs, dialogs, mask-painter) sit over one store layer, which sits over model (the
 * document as data) and api. Nothing below imports what is above it.
 */
function webLayers() {
  const web = [
    noSdk,
    noOuter('engine', 'fake-openai'),
    {
      group: ['@atelier/server', '@atelier/server/*'],
      allowTypeImports: true,
      message: 'web imports server types only',
    },
  ];
  const only = (layer, allowed) => ({
    files: [`web/src/${layer}/**`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...web,
            {
              regex: `^\\.\\./(?!(${allowed.join('|')})/)`,
              message: `web/src/${layer} may import only ${allowed.join(', ')}: features sit above it, never below (web/README.md)`,
            },
          ],
        },
      ],
    },
  });
  return [
    {
      files: ['web/**'],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: web }] },
    },
    only('model', ['model']),
    only('api', ['api', 'model']),
    only('store', ['store', 'model', 'api']),
    only('ui', ['ui', 'store', 'model', 'api']),
  ];
}

/**
 * The editor is linted with its types (promises not left floating, no `any` leaking from
 * untyped values) and with React's rules of hooks: hooks called in order, effects that name
 * what they read.
 */
function webTypeAware() {
  return [
    ...tseslint.configs.recommendedTypeChecked.map((config) => ({
      ...config,
      files: ['web/src/**/*.{ts,tsx}'],
    })),
    {
      files: ['web/src/**/*.{ts,tsx}'],
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      },
      plugins: { 'react-hooks': reactHooks },
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'error',
        // Store actions (zustand) and props are closures that never use `this`: the rule
        // cannot tell them from class methods and would flag every `const { save } = store`.
        '@typescript-eslint/unbound-method': 'off',
      },
    },
  ];
}
