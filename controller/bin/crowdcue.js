#!/usr/bin/env node
// The packages are consumed from TypeScript source (no build step), so the CLI
// registers tsx's loader before importing its entry point.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
