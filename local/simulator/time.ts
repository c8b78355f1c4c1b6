/** A date-time as Graph writes it: ISO 8601 in UTC, whole seconds, trailing Z. */
export function graphDateTime(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
