/**
 * Who may do what. The live show belongs to operators; designers edit and rehearse
 * but cannot touch the live show; brands see only their own logo sequences.
 */
export const ROLES = ['admin', 'operator', 'designer', 'brand'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'accounts:manage'
  | 'live:control'
  | 'live:view'
  | 'shows:read'
  | 'shows:write'
  | 'transmitters:configure'
  /** A show's `inputs` (OSC port and allow-list, ...): what outside the console may command the live show. */
  | 'inputs:configure'
  | 'brand:own'
  | 'brand:approve'
  /** Raise the flash limit above the broadcast-safe rate (a show's `safety.override`). */
  | 'safety:override'
  /** Delete or overwrite a show whose file and backup no longer read (damaged): what is lost cannot be looked at first. */
  | 'shows:repair';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['accounts:manage', 'live:control', 'live:view', 'shows:read', 'shows:write', 'transmitters:configure', 'inputs:configure', 'brand:own', 'brand:approve', 'safety:override', 'shows:repair'],
  operator: ['live:control', 'live:view', 'shows:read', 'transmitters:configure', 'inputs:configure', 'brand:approve'],
  designer: ['live:view', 'shows:read', 'shows:write'],
  brand: ['brand:own'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
