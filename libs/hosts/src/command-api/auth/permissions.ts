import type { Role } from '#domain';

/** The role matrix of api.md "Accounts and auth". */
export const permissions = {
  registerCallback: ['integration', 'supervisor', 'admin'],
  handleCallback: ['agent', 'supervisor', 'admin'],
  search: ['agent', 'supervisor', 'auditor', 'analyst', 'admin'],
  readHistory: ['supervisor', 'auditor', 'admin'],
  readStats: ['supervisor', 'analyst', 'admin'],
  administer: ['admin'],
  uploadRecording: ['integration', 'admin'],
  /** Any authenticated account (own profile, own columns). */
  self: ['integration', 'agent', 'supervisor', 'auditor', 'analyst', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function isAllowed(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return roles.some((role) => allowed.includes(role));
}
