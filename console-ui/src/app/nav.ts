/** The console's pages, and which of them each role sees. */
import type { Role } from '../api/session-api';
import { can } from '../session/roles';

export type PageId = 'live' | 'compose' | 'venue' | 'shows' | 'accounts' | 'brand' | 'approvals' | 'inputs';

export interface NavItem {
  page: PageId;
  path: string;
  label: string;
}

const ITEMS: Record<PageId, NavItem> = {
  live: { page: 'live', path: '/live', label: 'Live' },
  compose: { page: 'compose', path: '/compose', label: 'Compose' },
  venue: { page: 'venue', path: '/venue', label: 'Venue' },
  shows: { page: 'shows', path: '/shows', label: 'Shows' },
  accounts: { page: 'accounts', path: '/accounts', label: 'Accounts' },
  brand: { page: 'brand', path: '/brand', label: 'Brand' },
  approvals: { page: 'approvals', path: '/approvals', label: 'Approvals' },
  inputs: { page: 'inputs', path: '/inputs', label: 'Inputs' },
};

export function navItems(role: Role): NavItem[] {
  const out: NavItem[] = [];
  if (can(role, 'live:view')) out.push(ITEMS.live);
  if (can(role, 'shows:read')) out.push(ITEMS.compose, ITEMS.venue, ITEMS.shows);
  if (can(role, 'brand:own') && role === 'brand') out.push(ITEMS.brand);
  if (can(role, 'brand:approve')) out.push(ITEMS.approvals);
  if (can(role, 'inputs:configure')) out.push(ITEMS.inputs);
  if (can(role, 'accounts:manage')) out.push(ITEMS.accounts);
  return out;
}

/** The page a path shows for this role; an unknown or forbidden path falls back to the role's first page. */
export function pageFor(path: string, role: Role): NavItem {
  const items = navItems(role);
  const clean = path.replace(/\/+$/, '') || '/';
  return items.find((i) => clean === i.path || clean.startsWith(`${i.path}/`)) ?? items[0] ?? ITEMS.brand;
}
