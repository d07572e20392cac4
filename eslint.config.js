// @ts-check
import js from '@eslint/js';
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
  {
    files: ['web/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            noSdk,
            noOuter('engine', 'fake-openai'),
            {
              group: ['@atelier/server', '@atelier/server/*'],
              allowTypeImports: true,
              message: 'web imports server types only',
            },
          ],
        },
      ],
    },
  },
);
