import { userPropertyNamed, type DirectoryUser } from '../fixture.js';
import type { SimRequest } from '../http/request.js';
import { contextFragment, selectedProperties } from './odata.js';

// What Graph returns of a user: its default property set, or exactly what $select names.
// externalUserState, otherMails, identities, creationType, userType… appear only when selected
// (guest-users-and-status.md, "Finding an existing guest by email").

export type UserProperty = keyof DirectoryUser;

/** Graph v1.0's default user properties, in the order Graph writes them. */
export const defaultUserProperties: readonly UserProperty[] = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export interface UserSelection {
  properties: readonly UserProperty[];
  /** The `@odata.context` fragment: 'users' or 'users(id,mail)'. */
  contextFragment: string;
}

export function parseUserSelection(request: SimRequest): UserSelection {
  return userSelection(selectedProperties(request, 'microsoft.graph.user', userPropertyNamed));
}

/** The selection for properties named by an earlier $select (a delta token carries them), or the defaults. */
export function userSelection(selected: readonly UserProperty[] | undefined): UserSelection {
  return { properties: selected ?? defaultUserProperties, contextFragment: contextFragment('users', selected) };
}

export function projectUser(user: DirectoryUser, selection: UserSelection): Record<string, unknown> {
  return Object.fromEntries(selection.properties.map((property) => [property, user[property]]));
}
