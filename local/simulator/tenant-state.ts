import { randomUUID } from 'node:crypto';
import { normaliseAddress } from './email-address.js';
import type { ExternalWorld } from './external-world.js';
import { DirectoryChangeLog, type RemovalReason } from './directory-changes.js';
import { directMemberships, transitiveMemberships, type Memberships } from './directory-memberships.js';
import type { Application, ManagedIdentity, DirectoryGroup, DirectoryRole, DirectoryUser, Fixture, ObjectIdentity } from './fixture.js';
import type { TenantConfiguration } from './tenant-configuration.js';

/** The resource tenant in memory: its apps, its directory, its configuration and the world its guests come from. */
export class TenantState {
  readonly tenant: Fixture['tenant'];
  readonly applications: readonly Application[];
  readonly managedIdentities: readonly ManagedIdentity[];
  /** Replaced whole by the control API, after validation, so readers never see a half-applied change. */
  configuration: TenantConfiguration;
  world: ExternalWorld;
  /** Every change to a user, numbered; delta query and change notifications read it. Reset with the tenant. */
  readonly changes = new DirectoryChangeLog();
  private readonly users: DirectoryUser[];
  /** Groups and activated directory roles, each with its direct members (user or group ids). */
  private readonly groups: DirectoryGroup[];
  private readonly directoryRoles: DirectoryRole[];
  /** Each user's sponsors (user ids), in the order they were given. */
  private readonly sponsors = new Map<string, string[]>();
  /** Ids of soft-deleted users (Entra's deleted items), so that a later permanent deletion can be reported. */
  private readonly softDeleted = new Set<string>();

  constructor(fixture: Fixture) {
    // A private copy, so that resetting the simulator really returns to the fixture.
    const copy = structuredClone(fixture);
    this.tenant = copy.tenant;
    this.applications = copy.applications;
    this.managedIdentities = copy.managedIdentities;
    this.configuration = copy.configuration;
    this.world = copy.world;
    this.users = copy.users;
    this.groups = copy.groups;
    this.directoryRoles = copy.directoryRoles;
  }

  get tenantId(): string {
    return this.tenant.id;
  }

  /** The tenant's `<name>.onmicrosoft.com` domain, which guest UPNs live under. */
  get initialDomain(): string {
    const initial = this.tenant.verifiedDomains.find((domain) => domain.isInitial);
    if (initial === undefined) throw new Error('The fixture validation guarantees an initial domain');
    return initial.name;
  }

  /** Entra accepts the tenant id or any of its verified domain names in an authority URL. */
  matchesTenant(tenantIdOrDomain: string): boolean {
    const wanted = tenantIdOrDomain.toLowerCase();
    return wanted === this.tenant.id || this.tenant.verifiedDomains.some((domain) => domain.name.toLowerCase() === wanted);
  }

  isVerifiedDomain(domain: string): boolean {
    return this.tenant.verifiedDomains.some((verified) => verified.name.toLowerCase() === domain.toLowerCase());
  }

  findApplication(clientId: string): Application | undefined {
    return this.applications.find((app) => app.clientId.toLowerCase() === clientId.toLowerCase());
  }

  listUsers(): readonly DirectoryUser[] {
    return this.users;
  }

  /** Graph addresses a user by object id or by user principal name. */
  findUser(idOrUserPrincipalName: string): DirectoryUser | undefined {
    const wanted = idOrUserPrincipalName.toLowerCase();
    return this.users.find((user) => user.id === wanted || user.userPrincipalName.toLowerCase() === wanted);
  }

  listGroups(): readonly DirectoryGroup[] {
    return this.groups;
  }

  listDirectoryRoles(): readonly DirectoryRole[] {
    return this.directoryRoles;
  }

  findGroup(id: string): DirectoryGroup | undefined {
    return this.groups.find((group) => group.id.toLowerCase() === id.toLowerCase());
  }

  /** Graph addresses a directory role by its object id, or by `roleTemplateId=<template id>` (directoryrole-list-members). */
  findDirectoryRole(key: string): DirectoryRole | undefined {
    const byTemplate = /^roleTemplateId=(.+)$/i.exec(key);
    if (byTemplate !== null) return this.findDirectoryRoleByTemplate(byTemplate[1] ?? '');
    return this.directoryRoles.find((role) => role.id.toLowerCase() === key.toLowerCase());
  }

  findDirectoryRoleByTemplate(roleTemplateId: string): DirectoryRole | undefined {
    return this.directoryRoles.find((role) => role.roleTemplateId.toLowerCase() === roleTemplateId.toLowerCase());
  }

  /** Whether any user, group or directory role already has this object id. */
  isObjectIdTaken(id: string): boolean {
    const wanted = id.toLowerCase();
    return [...this.users, ...this.groups, ...this.directoryRoles].some((object) => object.id.toLowerCase() === wanted);
  }

  /** The groups and roles listing this user or group as a direct member. */
  directMembershipsOf(objectId: string): Memberships {
    return directMemberships(objectId, this.groups, this.directoryRoles);
  }

  /** Direct and nested groups, and the roles held directly or through role-assignable groups. */
  transitiveMembershipsOf(objectId: string): Memberships {
    return transitiveMemberships(objectId, this.groups, this.directoryRoles);
  }

  /**
   * Replaces the user's direct memberships: afterwards exactly these roles and groups list the user. Takes
   * effect at once (Entra needs 15–60 minutes for role changes; README choice). The caller checked the ids.
   */
  setDirectMemberships(userId: string, roles: readonly DirectoryRole[], groups: readonly DirectoryGroup[]): void {
    this.removeFromAllMemberships(userId);
    for (const role of roles) role.members.push(userId);
    for (const group of groups) group.members.push(userId);
  }

  /** A user created through the control API; it appears in reads, delta and notifications at once. */
  addUser(user: DirectoryUser): void {
    this.users.push(user);
    this.changes.record({ userId: user.id, kind: 'created' });
  }

  sponsorsOf(userId: string): string[] {
    return [...(this.sponsors.get(userId.toLowerCase()) ?? [])];
  }

  /** The caller checked that the ids exist and are at most five. */
  setSponsors(userId: string, sponsorIds: readonly string[]): void {
    this.sponsors.set(
      userId.toLowerCase(),
      sponsorIds.map((id) => id.toLowerCase()),
    );
  }

  /** The user holding this address in mail, otherMails or proxyAddresses (customize-invitation-api's check). */
  findUserByAddress(address: string): DirectoryUser | undefined {
    const wanted = normaliseAddress(address);
    return this.users.find((user) => userAddresses(user).includes(wanted));
  }

  createGuest(email: string, displayName: string, userType: DirectoryUser['userType'], now: string): DirectoryUser {
    const userPrincipalName = `${email.replace('@', '_')}#EXT#@${this.initialDomain}`;
    const guest = directoryUser({
      id: randomUUID(),
      displayName,
      mail: email,
      userPrincipalName,
      otherMails: [email],
      userType,
      creationType: 'Invitation',
      externalUserState: 'PendingAcceptance',
      externalUserStateChangeDateTime: now,
      identities: [this.userPrincipalNameIdentity(userPrincipalName)],
      createdDateTime: now,
    });
    this.users.push(guest);
    this.changes.record({ userId: guest.id, kind: 'created' });
    return guest;
  }

  /** Reset redemption keeps the object and its UPN; the guest signs in again with the invited address. */
  resetRedemption(guest: DirectoryUser, invitedAddress: string, now: string): void {
    const changed = ['externalUserState', 'externalUserStateChangeDateTime', 'identities'];
    if (!userAddresses(guest).includes(normaliseAddress(invitedAddress))) {
      guest.otherMails.push(invitedAddress);
      changed.push('otherMails');
    }
    guest.externalUserState = 'PendingAcceptance';
    guest.externalUserStateChangeDateTime = now;
    guest.identities = [this.userPrincipalNameIdentity(guest.userPrincipalName)];
    this.changes.record({ userId: guest.id, kind: 'updated', properties: changed });
  }

  recordRedemption(guest: DirectoryUser, federatedIdentity: ObjectIdentity, now: string): void {
    guest.externalUserState = 'Accepted';
    guest.externalUserStateChangeDateTime = now;
    guest.identities = [this.userPrincipalNameIdentity(guest.userPrincipalName), federatedIdentity];
    this.changes.record({
      userId: guest.id,
      kind: 'updated',
      properties: ['externalUserState', 'externalUserStateChangeDateTime', 'identities'],
    });
  }

  /** PATCH /users/{id} accountEnabled: blocks (or allows again) the user's sign-in. */
  setAccountEnabled(user: DirectoryUser, enabled: boolean): void {
    user.accountEnabled = enabled;
    this.changes.record({ userId: user.id, kind: 'updated', properties: ['accountEnabled'] });
  }

  /**
   * The guest leaves or an admin deletes the user. Like DELETE /users, a deletion is soft (delta reason
   * `changed`) unless `permanently`; a soft-deleted user can then be deleted permanently (reason `deleted`).
   * Answers false when there is no such user (soft-deleted ones count only for a permanent deletion).
   */
  deleteUser(id: string, permanently: boolean): boolean {
    const wanted = id.toLowerCase();
    const index = this.users.findIndex((user) => user.id === wanted);
    if (index === -1 && !(permanently && this.softDeleted.has(wanted))) return false;
    if (index !== -1) this.users.splice(index, 1);
    // A deleted user no longer shows among members (restoring, which would bring them back, is not modelled).
    this.removeFromAllMemberships(wanted);
    if (permanently) this.softDeleted.delete(wanted);
    else this.softDeleted.add(wanted);
    const reason: RemovalReason = permanently ? 'deleted' : 'changed';
    this.changes.record({ userId: wanted, kind: 'removed', reason });
    return true;
  }

  private removeFromAllMemberships(objectId: string): void {
    const wanted = objectId.toLowerCase();
    for (const holder of [...this.groups, ...this.directoryRoles]) {
      holder.members = holder.members.filter((member) => member.toLowerCase() !== wanted);
    }
  }

  private userPrincipalNameIdentity(userPrincipalName: string): ObjectIdentity {
    return { signInType: 'userPrincipalName', issuer: this.initialDomain, issuerAssignedId: userPrincipalName };
  }
}

function userAddresses(user: DirectoryUser): string[] {
  const proxies = user.proxyAddresses.map((proxy) => proxy.replace(/^smtp:/i, ''));
  return [user.mail, ...user.otherMails, ...proxies].filter((address) => address !== null).map(normaliseAddress);
}

type UserParticulars = 'id' | 'displayName' | 'mail' | 'userPrincipalName' | 'otherMails' | 'userType' | 'creationType' | 'externalUserState' | 'externalUserStateChangeDateTime' | 'identities' | 'createdDateTime';

/** A new user object: what is given, and Graph's empty values for the profile nobody filled in. */
export function directoryUser(particulars: Pick<DirectoryUser, UserParticulars> & { mail: string }): DirectoryUser {
  return {
    givenName: null,
    surname: null,
    jobTitle: null,
    mobilePhone: null,
    officeLocation: null,
    businessPhones: [],
    preferredLanguage: null,
    companyName: null,
    proxyAddresses: [`SMTP:${particulars.mail}`],
    accountEnabled: true,
    ...particulars,
  };
}
