/** The roles of an account, from least to most allowed. */
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The scopes of an API token: `read` acts as a viewer, `write` as an editor. */
export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** True when `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}

/** A signed-in account, as the API shows it. */
export interface User {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}
