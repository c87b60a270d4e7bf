/**
 * The package import graph: which of our workspace packages each package may
 * import. ESLint enforces it (eslint.config.js) and a test checks every
 * package.json against it (test/package-graph.test.ts), so a back-edge fails
 * lint instead of growing by habit.
 *
 * `test` holds the end-to-end rigs and benchmarks and may import everything.
 */
export const PACKAGE_GRAPH = {
  protocol: [],
  simulator: ['protocol'],
  controller: ['protocol', 'simulator'],
  'console-ui': ['protocol', 'simulator'],
  test: ['protocol', 'simulator', 'controller', 'console-ui'],
};

/** Folder name -> npm name. */
export const packageName = (folder) => `@crowdcue/${folder}`;
