/**
 * What each role may do, as the console needs to know it to show or hide
 * controls. The controller checks every request itself; this only keeps the
 * console from offering what the server would refuse.
 */
import type { Role } from '../api/session-api';

export type Permission = 'accounts:manage' | 'live:control' | 'live:view' | 'shows:read' | 'shows:write' | 'brand:own' | 'brand:approve' | 'inputs:configure';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['accounts:manage', 'live:control', 'live:view', 'shows:read', 'shows:write', 'brand:own', 'brand:approve', 'inputs:configure'],
  operator: ['live:control', 'live:view', 'shows:read', 'brand:approve', 'inputs:configure'],
  designer: ['live:view', 'shows:read', 'shows:write'],
  brand: ['brand:own'],
};

export const can = (role: Role, permission: Permission): boolean => GRANTS[role].includes(permission);
