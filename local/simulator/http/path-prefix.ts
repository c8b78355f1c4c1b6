/**
 * Whether `path` is `prefix` or lies below it, segment-wise and ignoring case:
 * '/v1.0/users' covers '/v1.0/users/abc' but not '/v1.0/usersX'.
 */
export function isUnderPath(path: string, prefix: string): boolean {
  const wanted = prefix.toLowerCase().replace(/\/+$/, '');
  const actual = path.toLowerCase();
  return actual === wanted || actual.startsWith(`${wanted}/`);
}
