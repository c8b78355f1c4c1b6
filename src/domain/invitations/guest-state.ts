/** Where a guest stands with their invitation, as the directory records it: not yet accepted, or accepted. */
export type ExternalUserState = 'PendingAcceptance' | 'Accepted';
