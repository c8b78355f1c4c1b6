import { userPropertyNamed, type DirectoryGroup, type DirectoryRole, type DirectoryUser } from '../fixture.js';
import type { SimRequest } from '../http/request.js';
import type { AppTokenClaims } from '../tokens.js';
import { contextFragment, selectedProperties } from './odata.js';
import { fullReadRoles } from './permissions.js';
import { defaultUserProperties } from './user-projection.js';

// Directory objects as Graph writes them in a directoryObject collection (memberOf, transitiveMemberOf,
// a directory role's members) and in the group and directoryRole collections an OData cast selects:
// each object's properties, `$select`, `@odata.type`, and limited information for objects of a type the
// app may not read (permissions-overview, "Limited information returned for inaccessible member objects").

export type DirectoryObjectType = 'user' | 'group' | 'directoryRole';

export type DirectoryEntry =
  | { type: 'user'; object: DirectoryUser }
  | { type: 'group'; object: DirectoryGroup }
  | { type: 'directoryRole'; object: DirectoryRole };

const odataTypes: Record<DirectoryObjectType, string> = {
  user: '#microsoft.graph.user',
  group: '#microsoft.graph.group',
  directoryRole: '#microsoft.graph.directoryRole',
};

/** A group's properties in the order Graph writes them (the modelled subset of Graph's default set). */
function groupResource(group: DirectoryGroup): Record<string, unknown> {
  return {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: group.createdDateTime,
    creationOptions: [],
    description: group.description,
    displayName: group.displayName,
    expirationDateTime: null,
    groupTypes: group.groupTypes,
    isAssignableToRole: group.isAssignableToRole,
    mail: group.mail,
    mailEnabled: group.mailEnabled,
    mailNickname: group.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: group.mail === null ? [] : [`SMTP:${group.mail}`],
    renewedDateTime: group.createdDateTime,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: group.securityEnabled,
    theme: null,
    visibility: group.visibility,
  };
}

function directoryRoleResource(role: DirectoryRole): Record<string, unknown> {
  return { id: role.id, deletedDateTime: null, description: role.description, displayName: role.displayName, roleTemplateId: role.roleTemplateId };
}

function resourceOf(entry: DirectoryEntry): Record<string, unknown> {
  switch (entry.type) {
    case 'user':
      return { ...entry.object };
    case 'group':
      return groupResource(entry.object);
    case 'directoryRole':
      return directoryRoleResource(entry.object);
  }
}

// Property names are the same for every object of a type, so one sample resource lists them.
const sampleGroup = groupResource({
  id: '',
  displayName: '',
  description: null,
  mail: null,
  mailEnabled: false,
  mailNickname: '',
  securityEnabled: false,
  groupTypes: [],
  isAssignableToRole: null,
  visibility: null,
  createdDateTime: '',
  members: [],
});
const groupProperties = Object.keys(sampleGroup);
const directoryRoleProperties = Object.keys(directoryRoleResource({ id: '', roleTemplateId: '', displayName: '', description: '', members: [] }));

const defaultProperties: Record<DirectoryObjectType, readonly string[]> = {
  user: defaultUserProperties,
  group: groupProperties,
  directoryRole: directoryRoleProperties,
};

/** This type's property with this name in Graph's spelling (names match regardless of case). */
function propertyNamed(type: DirectoryObjectType, name: string): string | undefined {
  if (type === 'user') return userPropertyNamed(name);
  const properties = type === 'group' ? groupProperties : directoryRoleProperties;
  return properties.find((property) => property.toLowerCase() === name.toLowerCase());
}

export interface DirectoryObjectSelection {
  /** The properties $select names, in Graph's spelling; undefined = each type's default set. */
  selected: readonly string[] | undefined;
  /** `directoryObjects`, `groups(id,displayName)`, … */
  contextFragment: string;
}

/**
 * $select for a collection that may hold objects of `types`: a name must be a property of one of them
 * (else Graph's "Could not find a property named …" on `typeName`).
 */
export function parseDirectoryObjectSelection(
  request: SimRequest,
  types: readonly DirectoryObjectType[],
  typeName: string,
  entitySet: string,
): DirectoryObjectSelection {
  const selected = selectedProperties(request, typeName, (name) =>
    types.map((type) => propertyNamed(type, name)).find((property) => property !== undefined),
  );
  return { selected, contextFragment: contextFragment(entitySet, selected) };
}

/** Whether the app may read objects of this type in full. */
export function mayReadInFull(caller: AppTokenClaims, type: DirectoryObjectType): boolean {
  return fullReadRoles[type].some((role) => caller.roles.includes(role));
}

export interface ProjectionOptions {
  /** Graph writes `@odata.type` only when the object's type differs from the collection's (not in a cast). */
  withType: boolean;
  /** false = limited information: `id` and the other properties null (collections empty). */
  inFull: boolean;
}

/** The object with its selected (or default) properties, or their limited-information form. */
export function projectDirectoryObject(entry: DirectoryEntry, selection: DirectoryObjectSelection, options: ProjectionOptions): Record<string, unknown> {
  const resource = resourceOf(entry);
  const names = selection.selected?.filter((name) => propertyNamed(entry.type, name) !== undefined) ?? defaultProperties[entry.type];
  const typed: Record<string, unknown> = options.withType ? { '@odata.type': odataTypes[entry.type] } : {};
  if (options.inFull) return { ...typed, ...Object.fromEntries(names.map((name) => [name, resource[name]])) };
  // As in Microsoft's example of a memberOf answer with limited information: scalars null, collections [].
  const hidden = names.filter((name) => name !== 'id').map((name): [string, unknown] => [name, Array.isArray(resource[name]) ? [] : null]);
  return { ...typed, id: entry.object.id, ...Object.fromEntries(hidden) };
}

export const groupEntry = (group: DirectoryGroup): DirectoryEntry => ({ type: 'group', object: group });
export const directoryRoleEntry = (role: DirectoryRole): DirectoryEntry => ({ type: 'directoryRole', object: role });
export const userEntry = (user: DirectoryUser): DirectoryEntry => ({ type: 'user', object: user });
