import { describe, expect, it } from 'vitest';
import { navItems, pageFor } from './nav';

describe('navigation by role', () => {
  it('gives operators the live show and designers no accounts', () => {
    expect(navItems('admin').map((i) => i.page)).toEqual(['live', 'compose', 'venue', 'shows', 'approvals', 'inputs', 'accounts']);
    expect(navItems('operator').map((i) => i.page)).toEqual(['live', 'compose', 'venue', 'shows', 'approvals', 'inputs']);
    expect(navItems('designer').map((i) => i.page)).toEqual(['live', 'compose', 'venue', 'shows']);
    expect(navItems('brand').map((i) => i.page)).toEqual(['brand']);
  });

  it('falls back to the first page for a forbidden or unknown path', () => {
    expect(pageFor('/accounts', 'designer').page).toBe('live');
    expect(pageFor('/live', 'brand').page).toBe('brand');
    expect(pageFor('/', 'operator').page).toBe('live');
    expect(pageFor('/compose/', 'designer').page).toBe('compose');
    expect(pageFor('/accounts', 'admin').page).toBe('accounts');
    expect(pageFor('/approvals', 'operator').page).toBe('approvals');
    expect(pageFor('/approvals', 'designer').page).toBe('live');
    expect(pageFor('/approvals', 'brand').page).toBe('brand');
    expect(pageFor('/inputs', 'operator').page).toBe('inputs');
    expect(pageFor('/inputs', 'designer').page).toBe('live');
  });
});
