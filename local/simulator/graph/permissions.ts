// The application permissions (app roles) Graph accepts for each simulated operation: the least
// privileged first, then the higher ones (the "Permissions" tables of each Graph v1.0 API page).

export const acceptedRoles = {
  createInvitation: ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // graph-invitations.md, "Permissions and who may call": reset needs at least User.ReadWrite.All.
  resetRedemption: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // user: sendMail has no higher application permission than Mail.Send.
  sendMail: ['Mail.Send'],
  readOrganization: ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
} as const satisfies Record<string, readonly string[]>;
