// Email-address rules shared by the invitation endpoint, the directory lookups and redemption.

/** Directory lookups by address are case-insensitive, so every comparison goes through this. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function domainOf(address: string): string {
  const normalised = normaliseAddress(address);
  return normalised.slice(normalised.lastIndexOf('@') + 1);
}

export function localPartOf(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

// Characters B2B refuses in the local part (graph-invitations.md, "Request body").
const refusedLocalPartCharacters = new Set('~!#$%^&*()+=[]{}\\/|;:"<>?,');
const domainPattern = /^(?!-)[a-z0-9-]+(?<!-)(\.(?!-)[a-z0-9-]+(?<!-))+$/i;

/** A DNS name with at least two labels (`fabrikam.com`), as B2B accepts after the `@`. */
export function isDomainName(value: string): boolean {
  return domainPattern.test(value);
}

/** Why B2B would refuse to invite this address, or undefined when it is acceptable. */
export function b2bAddressProblem(address: string): string | undefined {
  const parts = address.split('@');
  if (parts.length !== 2 || parts[0] === '' || !domainPattern.test(parts[1] ?? '') || /\s/.test(address)) {
    return `'${address}' is not a valid email address.`;
  }
  const localPart = parts[0] ?? '';
  if (localPart.includes('+')) {
    return `'${address}' uses plus-addressing, which B2B invitations do not support.`;
  }
  const refused = [...localPart].find((character) => refusedLocalPartCharacters.has(character));
  if (refused !== undefined) {
    return `The local part of '${address}' contains '${refused}', which B2B invitations do not accept.`;
  }
  if (/^[.-]|[.-]$/.test(localPart)) {
    return `The local part of '${address}' must not start or end with '.' or '-'.`;
  }
  return undefined;
}
