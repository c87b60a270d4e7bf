import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OSC_ADDRESSES, readOscMessage } from './osc-address-space';
import { withDocsTable } from './osc-docs-table';

const README = new URL('./README.md', import.meta.url);

describe('the OSC address space in the docs', () => {
  it('is the table the code uses (UPDATE_DOCS=1 rewrites it)', () => {
    const readme = readFileSync(README, 'utf8');
    const current = withDocsTable(readme);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(README, current);
    expect(readme).toBe(current);
  });

  it('routes every address of the table to its own entry', () => {
    for (const entry of OSC_ADDRESSES) {
      const address = entry.address.replace('{cueList}', 'main').replace('{zone}', '3');
      const r = readOscMessage(address, []);
      if (r.kind === 'error') expect(r.error, address).not.toMatch(/unknown address/);
      if (r.kind === 'command') expect(r.name).toBe(entry.command);
    }
  });
});
