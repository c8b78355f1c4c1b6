import { CallLog } from './call-log.js';
import { FaultInjector } from './faults.js';
import { GuestLifecycleState } from './guest-lifecycle-state.js';
import { InvitationLog } from './invitation-log.js';
import { ChangeNotifier } from './notifications/change-notifier.js';
import { NotificationLog } from './notifications/notification-log.js';
import { SubscriptionStore } from './notifications/subscription-store.js';
import { RandomFaultInjector } from './random-faults.js';
import { ReplicationLag } from './replication-lag.js';
import { SentMailLog } from './sent-mail-log.js';
import { TeamsState } from './teams-state.js';
import type { SlidingWindowThrottle } from './throttle.js';
import type { TenantState } from './tenant-state.js';
import type { TokenService } from './tokens.js';

/** Everything the simulator remembers between requests; `reset()` returns it to the fixture. */
export class SimulatorState {
  tenant: TenantState;
  readonly calls = new CallLog();
  readonly invitations = new InvitationLog();
  readonly faults = new FaultInjector();
  readonly randomFaults = new RandomFaultInjector();
  readonly replication = new ReplicationLag();
  /** Mail sent with POST /users/{id}/sendMail. */
  readonly mail = new SentMailLog();
  /** Sign-in activity licence and last sign-ins, Entra guest lifecycle policies (PATCH /_sim/lifecycle). */
  readonly lifecycle = new GuestLifecycleState();
  /** Teams and group chats guests can be added to (created through the control API). */
  readonly teams = new TeamsState();
  /** The invitation budget set through the control API; undefined = no throttling (the default). */
  invitationThrottle: SlidingWindowThrottle | undefined;
  /** While true, Graph's anti-abuse protection refuses every invitation (set through the control API). */
  invitationsBlocked = false;
  /** Added to every Graph answer, as the cloud's own response time (loopback answers in microseconds). */
  graphLatencyMs = 0;
  /** Access tokens issued before this second (ms since the epoch, set through the control API) are refused. */
  tokensRevokedBefore: number | undefined;
  /** Change-notification subscriptions (POST /v1.0/subscriptions). */
  readonly subscriptions = new SubscriptionStore();
  /** What was POSTed to subscribers: validations, notifications, forgeries. */
  readonly notifications = new NotificationLog();
  private readonly notifier = new ChangeNotifier(this.subscriptions, this.notifications, () => this.tenant.tenantId);

  constructor(private readonly loadTenant: () => TenantState) {
    this.tenant = this.watched(loadTenant());
  }

  reset(): void {
    // A new tenant brings a new change log, so delta tokens issued before the reset are unknown.
    this.tenant = this.watched(this.loadTenant());
    this.subscriptions.clear();
    this.notifications.clear();
    this.calls.clear();
    this.invitations.clear();
    this.faults.clear();
    this.randomFaults.clear();
    this.replication.clear();
    this.mail.clear();
    this.lifecycle.clear();
    this.teams.clear();
    this.invitationThrottle = undefined;
    this.invitationsBlocked = false;
    this.graphLatencyMs = 0;
    this.tokensRevokedBefore = undefined;
  }

  private watched(tenant: TenantState): TenantState {
    tenant.changes.onChange((change) => this.notifier.onChange(change));
    return tenant;
  }
}

/** What every request handler is given. */
export interface SimulatorContext {
  readonly state: SimulatorState;
  readonly tokens: TokenService;
  /** The secret the managed-identity endpoint wants in X-IDENTITY-HEADER (IDENTITY_HEADER on an Azure host). */
  readonly identityHeader: string;
}
