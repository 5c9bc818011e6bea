/** What a role may do (api.md's table); the screen hides what the server would refuse anyway. */
export type Action = 'search' | 'work' | 'readHistory' | 'readStats' | 'administer';

const allowed: Record<Action, readonly string[]> = {
  search: ['agent', 'supervisor', 'auditor', 'analyst', 'admin'],
  work: ['agent', 'supervisor', 'admin'],
  readHistory: ['supervisor', 'auditor', 'admin'],
  readStats: ['supervisor', 'analyst', 'admin'],
  administer: ['admin'],
};

export function can(roles: readonly string[] | undefined, action: Action): boolean {
  return (roles ?? []).some((role) => allowed[action].includes(role));
}
