import { z } from 'zod';

// What the simulated tenant says about its guests' lifecycle beyond the directory itself: whether it has the
// licence for sign-in activity (Microsoft Entra ID P1), each user's last sign-in, and its Entra guest
// lifecycle policies. Set through the control API (PATCH /_sim/lifecycle); reset restores the defaults.

const isoDateTime = z.iso.datetime();

/** A guest lifecycle policy as GET …/lifecyclePolicies lists it (the properties the simulator models). */
const lifecyclePolicySchema = z.strictObject({
  id: z.string().min(1),
  displayName: z.string().min(1),
  /** Rule types of identityGovernance.lifecyclePolicyRule, e.g. invitationRedemptionRule. */
  rules: z.array(z.enum(['invitationRedemptionRule', 'inactivityRule', 'sponsorPresenceRule', 'periodicAttestationRule', 'accessPackageAssignmentRequiredRule'])).min(1).max(10),
});

export const lifecycleControlSchema = z.strictObject({
  /** Without the licence, selecting signInActivity answers 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant. */
  signInActivity: z.enum(['licensed', 'unlicensed']).optional(),
  /** Users' last successful sign-ins by object id; null = never signed in. */
  lastSignIns: z.record(z.string(), isoDateTime.nullable()).optional(),
  /** `unavailable`: the tenant has no licence for them (403); a list (may be empty): what GET answers. */
  lifecyclePolicies: z.union([z.literal('unavailable'), z.array(lifecyclePolicySchema).max(10)]).optional(),
});

export type LifecyclePolicy = z.infer<typeof lifecyclePolicySchema>;

export class GuestLifecycleState {
  /** The seeded tenant has Entra ID P1: signInActivity answers. */
  signInActivityLicensed = true;
  readonly lastSignIns = new Map<string, string | null>();
  /** The seeded tenant has no guest lifecycle policies, and no licence for them. */
  lifecyclePolicies: 'unavailable' | LifecyclePolicy[] = 'unavailable';

  change(body: z.output<typeof lifecycleControlSchema>): void {
    if (body.signInActivity) this.signInActivityLicensed = body.signInActivity === 'licensed';
    for (const [userId, at] of Object.entries(body.lastSignIns ?? {})) this.lastSignIns.set(userId.toLowerCase(), at);
    if (body.lifecyclePolicies) this.lifecyclePolicies = body.lifecyclePolicies;
  }

  describe(): Record<string, unknown> {
    return {
      signInActivity: this.signInActivityLicensed ? 'licensed' : 'unlicensed',
      lastSignIns: Object.fromEntries(this.lastSignIns),
      lifecyclePolicies: this.lifecyclePolicies,
    };
  }

  clear(): void {
    this.signInActivityLicensed = true;
    this.lastSignIns.clear();
    this.lifecyclePolicies = 'unavailable';
  }
}
