import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { PACKAGE_GRAPH, packageName } from './package-graph.js';

const folders = Object.keys(PACKAGE_GRAPH);
const at = (folder) => fileURLToPath(new URL(folder, import.meta.url));

/**
 * One block per package: the workspace packages it may not import, by name
 * (core `no-restricted-imports`, which needs no module resolution and so
 * cannot be fooled by a path that fails to resolve). Importing itself by name
 * is refused too: inside a package, modules import each other by relative path.
 * And every package it imports is declared in its package.json; the root's
 * devDependencies (vitest, fast-check) are the whole repository's tooling.
 */
const graphBlocks = folders.map((folder) => {
  const allowed = PACKAGE_GRAPH[folder];
  const forbidden = folders.filter((other) => !allowed.includes(other));
  const may = allowed.length ? allowed.map(packageName).join(', ') : 'nothing of ours';
  return {
    files: [`${folder}/**/*.{ts,tsx,js}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((other) => ({
            group: [packageName(other), `${packageName(other)}/*`],
            message:
              other === folder
                ? `${packageName(folder)} imports its own modules by relative path, not by its package name.`
                : `${packageName(folder)} may import ${may} (package-graph.js), not ${packageName(other)}.`,
          })),
        },
      ],
      'import-x/no-extraneous-dependencies': ['error', { includeTypes: true, packageDir: [at(folder), at('.')] }],
    },
  };
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'bench-results/**', 'crowdcue-data/**', '**/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  // The package graph. import-x resolves each import (package.json `exports`
  // to TypeScript source, like Vite and tsx do) to find which package a
  // relative path lands in and whether a package is declared.
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'], conditionNames: ['import', 'default'] })],
    },
    rules: {
      // `../../controller/src/...` from another package: reach a package through its name and exports.
      'import-x/no-relative-packages': 'error',
    },
  },
  ...graphBlocks,
  {
    // The end-to-end rigs and benchmarks drive internals no package exports (the planner's
    // ledger, the test server); they may reach into other packages' sources.
    files: ['test/**/*.{ts,tsx,js}'],
    rules: { 'import-x/no-relative-packages': 'off' },
  },
);
