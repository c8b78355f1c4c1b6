/** What the lifecycle rules need from the directory besides deleting a user (DirectoryGateway.deleteUser). */
import type { LifecycleRule, SignIns } from '../lifecycle/lifecycle-rules.js';

/** An Entra guest lifecycle policy as far as the bot shows it, and the rules of ours it covers. */
export interface EntraLifecyclePolicy {
  readonly id: string;
  readonly displayName: string;
  /** Graph's rule types without their namespace, e.g. `invitationRedemptionRule`. */
  readonly ruleTypes: readonly string[];
  readonly covers: readonly LifecycleRule[];
}

export type EntraPolicies =
  | { readonly kind: 'policies'; readonly policies: readonly EntraLifecyclePolicy[] }
  /** The tenant has none, or no licence or permission for them (403/400/404): the bot's own rules run. */
  | { readonly kind: 'none'; readonly because: 'no-policies' | 'not-available' | 'forbidden' };

export interface LifecycleDirectory {
  /** PATCH /users/{id} accountEnabled false. A user already gone counts as blocked. */
  blockSignIn(userId: string): Promise<void>;
  /** The last sign-in of each user (signInActivity); `unlicensed` without Entra ID P1. */
  lastSignIns(userIds: readonly string[]): Promise<SignIns>;
  /** GET /identityGovernance/lifecycleWorkflows/lifecyclePolicies. */
  entraPolicies(): Promise<EntraPolicies>;
}
