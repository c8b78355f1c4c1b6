/**
 * PeopleDirectory over Microsoft Graph v1.0: a person's userType, and their groups and directory roles
 * through `transitiveMemberOf` (User.Read.All may call it). Without RoleManagement.Read.Directory Graph
 * returns roles with "limited information" (id and type only), so roles are then reported unreadable
 * rather than absent. Answers are cached briefly: role changes take Entra 15–60 minutes anyway.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { PeopleDirectory } from '../domain/ports/people-directory.js';
import type { PersonInDirectory } from '../domain/policy/who-may-invite.js';
import { toServiceError } from './errors.js';

interface GraphDirectoryObject {
  '@odata.type'?: string;
  id: string;
  roleTemplateId?: string | null;
}

interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const PEOPLE_CACHE_TTL_MS = 5 * 60 * 1000;
/** Pages followed at most: 999 memberships a page is far beyond anyone's. */
const MAX_PAGES = 10;

export class GraphPeopleDirectory implements PeopleDirectory {
  private readonly cache = new Map<string, { person: Promise<PersonInDirectory | undefined>; at: number }>();

  constructor(
    private readonly client: Client,
    private readonly ttlMs: number = PEOPLE_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  person(aadObjectId: string): Promise<PersonInDirectory | undefined> {
    const known = this.cache.get(aadObjectId);
    if (known && this.now() - known.at < this.ttlMs) return known.person;
    const person = this.read(aadObjectId);
    this.cache.set(aadObjectId, { person, at: this.now() });
    // A failed read is not kept: the next action asks again.
    person.catch(() => {
      if (this.cache.get(aadObjectId)?.person === person) this.cache.delete(aadObjectId);
    });
    return person;
  }

  private async read(id: string): Promise<PersonInDirectory | undefined> {
    const path = `/users/${encodeURIComponent(id)}`;
    try {
      const [user, memberships] = await Promise.all([
        this.client.api(path).select('id,userType').get() as Promise<{ id: string; userType?: string | null }>,
        this.memberships(`${path}/transitiveMemberOf`),
      ]);
      const roles = memberships.filter((item) => item['@odata.type'] === '#microsoft.graph.directoryRole');
      return {
        id: user.id,
        userType: user.userType === 'Guest' ? 'Guest' : 'Member',
        roleTemplateIds: roles.some((role) => !role.roleTemplateId) ? 'unreadable' : roles.map((role) => role.roleTemplateId as string),
        groupIds: memberships.filter((item) => item['@odata.type'] === '#microsoft.graph.group').map((group) => group.id),
      };
    } catch (error) {
      if (typeof error === 'object' && error !== null && (error as { statusCode?: number }).statusCode === 404) return undefined;
      throw toServiceError(error, 'GET /users/{id}/transitiveMemberOf');
    }
  }

  private async memberships(path: string): Promise<GraphDirectoryObject[]> {
    const items: GraphDirectoryObject[] = [];
    let page = (await this.client.api(path).select('id,roleTemplateId').top(999).get()) as GraphPage<GraphDirectoryObject>;
    items.push(...page.value);
    for (let pages = 1; page['@odata.nextLink'] && pages < MAX_PAGES; pages++) {
      page = (await this.client.api(page['@odata.nextLink']).get()) as GraphPage<GraphDirectoryObject>;
      items.push(...page.value);
    }
    return items;
  }
}
