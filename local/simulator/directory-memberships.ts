import type { DirectoryGroup, DirectoryRole } from './fixture.js';

// Who is a member of what: the groups and directory roles an object belongs to directly, and a user's
// transitive memberships (user-list-memberof, user-list-transitivememberof): the groups holding the user,
// the groups holding those (nesting), and the roles held directly or through a role-assignable group.
// Pure: the tenant state passes its groups and roles in.

export interface Memberships {
  /** In the tenant's order of groups, not in the order they were reached. */
  groups: DirectoryGroup[];
  /** In the tenant's order of roles. */
  roles: DirectoryRole[];
}

const holds = (members: readonly string[], objectId: string): boolean => members.some((member) => member.toLowerCase() === objectId.toLowerCase());

/** The groups and roles that list this object (a user or a group) among their members. */
export function directMemberships(objectId: string, groups: readonly DirectoryGroup[], roles: readonly DirectoryRole[]): Memberships {
  return {
    groups: groups.filter((group) => holds(group.members, objectId)),
    roles: roles.filter((role) => holds(role.members, objectId)),
  };
}

/**
 * Direct and nested groups, and the roles held directly or through any of those groups (only
 * role-assignable groups can hold roles; the fixture validation and the control API see to that).
 * Circular nesting ends: each group is visited once.
 */
export function transitiveMemberships(objectId: string, groups: readonly DirectoryGroup[], roles: readonly DirectoryRole[]): Memberships {
  const reached = new Set<string>();
  const pending = [objectId.toLowerCase()];
  while (pending.length > 0) {
    const current = pending.pop() ?? '';
    for (const group of groups) {
      const id = group.id.toLowerCase();
      if (!reached.has(id) && holds(group.members, current)) {
        reached.add(id);
        pending.push(id);
      }
    }
  }
  const holders = [objectId.toLowerCase(), ...reached];
  return {
    groups: groups.filter((group) => reached.has(group.id.toLowerCase())),
    roles: roles.filter((role) => holders.some((holder) => holds(role.members, holder))),
  };
}
