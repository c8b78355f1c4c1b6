import type { SimRequest } from '../http/request.js';
import { badRequest, unsupportedQuery } from './errors.js';

/** The `@odata.context` URL for a v1.0 answer, pointing at this simulator rather than graph.microsoft.com. */
export function metadataUrl(request: SimRequest, fragment: string): string {
  return `${request.origin}/v1.0/$metadata#${fragment}`;
}

/** Graph refuses system query options an operation does not support. */
export function refuseUnknownQueryOptions(request: SimRequest, understood: readonly string[]): void {
  for (const name of request.query.keys()) {
    if (name.startsWith('$') && !understood.includes(name.toLowerCase())) throw unsupportedQuery();
  }
}

/**
 * The properties named by $select, in Graph's spelling, or undefined without $select.
 * `propertyNamed` resolves a name regardless of case; `typeName` is used in Graph's error message.
 */
export function selectedProperties<Property extends string>(
  request: SimRequest,
  typeName: string,
  propertyNamed: (name: string) => Property | undefined,
): Property[] | undefined {
  const select = request.query.get('$select');
  if (select === null || select.trim() === '') return undefined;
  return select.split(',').map((name) => {
    const property = propertyNamed(name.trim());
    if (property === undefined) {
      throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${name.trim()}' on type '${typeName}'.`);
    }
    return property;
  });
}

/** 'users' or 'users(id,mail)', as Graph writes a selection into `@odata.context`. */
export function contextFragment(entitySet: string, selected: readonly string[] | undefined): string {
  return selected === undefined ? entitySet : `${entitySet}(${selected.join(',')})`;
}

/** A system query option's value whatever the case of its name (`$deltaToken`, `$deltatoken`), or null. */
export function queryOption(request: SimRequest, name: string): string | null {
  for (const [key, value] of request.query) {
    if (key.toLowerCase() === name.toLowerCase()) return value;
  }
  return null;
}

/**
 * Whether the request is an advanced query (aad-advanced-queries): `ConsistencyLevel: eventual` and
 * `$count=true`. Only then is `@odata.count` written; without the header Graph ignores `$count=true`.
 */
export function isAdvancedQuery(request: SimRequest): boolean {
  const count = queryOption(request, '$count');
  if (count !== null && !['true', 'false'].includes(count.toLowerCase())) {
    throw badRequest(`Invalid value '${count}' for $count: it must be true or false.`);
  }
  const consistencyLevel = request.headers['consistencylevel'];
  const eventual = (Array.isArray(consistencyLevel) ? consistencyLevel.join(',') : consistencyLevel ?? '').trim().toLowerCase() === 'eventual';
  return eventual && count?.toLowerCase() === 'true';
}
