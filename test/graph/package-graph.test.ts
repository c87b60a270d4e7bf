/**
 * The package graph is a rule: ESLint refuses a back-edge, a relative path into
 * another package and an undeclared import, and every package.json declares
 * exactly the workspace packages its sources import, all of them allowed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_GRAPH, packageName } from '../../package-graph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Folder = keyof typeof PACKAGE_GRAPH;
const folders = Object.keys(PACKAGE_GRAPH) as Folder[];

describe('lint refuses edges the package graph does not have', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  /** Rule ids and messages ESLint reports for `code` as if it were the file at `path`. */
  async function lint(path: string, code: string): Promise<Array<{ rule: string | null; message: string }>> {
    const [result] = await eslint.lintText(code, { filePath: join(root, path) });
    return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
  }

  it('refuses the console importing the controller, by name and types only', async () => {
    const found = await lint('console-ui/src/back-edge.ts', "import type { Transmitter } from '@crowdcue/controller';\nexport type T = Transmitter;\n");
    expect(found).toContainEqual({ rule: 'no-restricted-imports', message: expect.stringMatching(/@crowdcue\/console-ui may import @crowdcue\/protocol, @crowdcue\/simulator .*not @crowdcue\/controller/) });
    // Nor is it declared in console-ui/package.json.
    expect(found.map((f) => f.rule)).toContain('import-x/no-extraneous-dependencies');
  });

  it('refuses protocol importing anything of ours', async () => {
    const found = await lint('protocol/src/back-edge.ts', "import { venueFromShow } from '@crowdcue/simulator';\nexport const v = venueFromShow;\n");
    expect(found).toContainEqual({ rule: 'no-restricted-imports', message: expect.stringMatching(/@crowdcue\/protocol may import nothing of ours/) });
  });

  it('refuses a package importing itself by name', async () => {
    const found = await lint('simulator/src/self.ts', "import { buildCrowd } from '@crowdcue/simulator';\nexport const b = buildCrowd;\n");
    expect(found).toContainEqual({ rule: 'no-restricted-imports', message: expect.stringMatching(/relative path/) });
  });

  it('refuses a relative path into another package', async () => {
    const found = await lint('console-ui/src/escape.ts', "import { compileParade } from '../../protocol/src/parade/compile-parade';\nexport const c = compileParade;\n");
    expect(found.map((f) => f.rule)).toContain('import-x/no-relative-packages');
  });

  it('refuses a package the importer does not declare', async () => {
    const found = await lint('controller/src/undeclared.ts', "import { useState } from 'react';\nexport const u = useState;\n");
    expect(found.map((f) => f.rule)).toContain('import-x/no-extraneous-dependencies');
  });

  it('lets an edge of the graph through', async () => {
    const found = await lint('simulator/src/edge.ts', "import { encodeCcb } from '@crowdcue/protocol';\nexport const e = encodeCcb;\n");
    expect(found).toEqual([]);
  });
});

/** Source files of a package, without node_modules and build output. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !/[/\\](node_modules|dist|lint-fixtures)[/\\]/.test(relative(root, p)));
}

const IMPORT = /(?:from|import)\s*\(?\s*'(@crowdcue\/[a-z-]+)/g;

describe('package.json declares the package graph', () => {
  for (const folder of folders) {
    it(`${packageName(folder)} declares what it imports, and only allowed packages`, () => {
      const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => n.startsWith('@crowdcue/'));
      const imported = new Set<string>();
      for (const file of sources(join(root, folder))) {
        for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) if (m[1] !== packageName(folder)) imported.add(m[1]);
      }
      const allowed = PACKAGE_GRAPH[folder].map(packageName);
      expect(declared.filter((n) => !allowed.includes(n)), 'declared but outside the graph').toEqual([]);
      expect([...imported].filter((n) => !declared.includes(n)).sort(), 'imported but not declared').toEqual([]);
    });
  }
});
