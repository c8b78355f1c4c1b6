import type { z } from 'zod';
import { parseJsonBody, type SimRequest } from '../http/request.js';
import { badRequest } from './errors.js';

// What every Graph operation with a JSON body shares: Graph's answers for an empty or unreadable body,
// instance annotations that are not properties, and OData's wording for a bad property.

/** The parsed body without annotations, or Graph's 400 for a missing or unreadable one. */
export function readJsonBody(request: SimRequest): unknown {
  if (request.rawBody.trim() === '') throw badRequest('Empty Payload. JSON content expected.');
  const json = parseJsonBody(request);
  if (!json.parsed) {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  return withoutODataAnnotations(json.value);
}

// SDKs may add '@odata.type' and similar instance annotations; they are not properties.
function withoutODataAnnotations(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('@')));
}

/** A zod issue in OData's words; `typeName` e.g. 'microsoft.graph.invitation'. */
export function describeIssue(issue: z.core.$ZodIssue | undefined, typeName: string): string {
  if (issue === undefined) return 'The request body is invalid.';
  const property = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const unknown = [property, issue.keys[0]].filter((part) => part !== '').join('.');
    return `The property '${unknown}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type.`;
  }
  if (property === '') return 'The request body must be a JSON object.';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `The property '${property}' is required.`;
  return `Invalid value for '${property}': ${issue.message}.`;
}
