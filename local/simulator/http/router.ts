// A tiny router over decoded path segments. Literal segments match case-insensitively (Graph's URLs
// are case-insensitive); `:name` segments capture one segment; `fn(:name)` matches an OData function
// call such as `findTenantInformationByDomainName(domainName='x')` and captures what is inside the parentheses.

export interface RouteDefinition {
  method: string;
  /** Segments joined by '/', e.g. 'users/:id'. */
  pattern: string;
}

export type RouteMatch<Route extends RouteDefinition> =
  | { kind: 'matched'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  /** `unmatchedSegment` is the first segment no route knows, which Graph names in its error. */
  | { kind: 'no-route'; unmatchedSegment: string };

export class Router<Route extends RouteDefinition> {
  private readonly routes: { route: Route; segments: string[] }[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => ({ route, segments: route.pattern.split('/') }));
  }

  match(method: string, segments: string[]): RouteMatch<Route> {
    const candidates = this.routes.filter((entry) => entry.segments.length === segments.length && prefixMatches(entry.segments, segments));
    const matched = candidates.find((entry) => entry.route.method === method);
    if (matched !== undefined) {
      return { kind: 'matched', route: matched.route, params: captureParams(matched.segments, segments) };
    }
    if (candidates.length > 0) return { kind: 'method-not-allowed' };
    // A path that is only the start of longer routes (GET /groups where only /groups/{id}/members/$ref exists) names its last segment.
    return { kind: 'no-route', unmatchedSegment: segments[Math.min(this.longestKnownPrefix(segments), segments.length - 1)] ?? '' };
  }

  private longestKnownPrefix(segments: string[]): number {
    let known = 0;
    while (known < segments.length && this.routes.some((entry) => prefixMatches(entry.segments, segments.slice(0, known + 1)))) {
      known += 1;
    }
    return known;
  }
}

/** Whether `segments` matches the start of `pattern`. */
function prefixMatches(pattern: string[], segments: string[]): boolean {
  return segments.length <= pattern.length && segments.every((segment, index) => segmentMatches(pattern[index] ?? '', segment));
}

function segmentMatches(patternSegment: string, segment: string): boolean {
  if (patternSegment.startsWith(':')) return true;
  const call = functionCall(patternSegment);
  if (call !== undefined) return functionArguments(call.name, segment) !== undefined;
  return patternSegment.toLowerCase() === segment.toLowerCase();
}

function captureParams(pattern: string[], segments: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  pattern.forEach((patternSegment, index) => {
    const segment = segments[index] ?? '';
    if (patternSegment.startsWith(':')) params[patternSegment.slice(1)] = segment;
    const call = functionCall(patternSegment);
    if (call !== undefined) params[call.param] = functionArguments(call.name, segment) ?? '';
  });
  return params;
}

/** `fn(:param)` in a pattern → its function name and parameter name. */
function functionCall(patternSegment: string): { name: string; param: string } | undefined {
  const match = /^([^(]+)\(:([A-Za-z]+)\)$/.exec(patternSegment);
  return match === null ? undefined : { name: match[1] ?? '', param: match[2] ?? '' };
}

/** The text between the parentheses when `segment` calls function `name`, else undefined. */
function functionArguments(name: string, segment: string): string | undefined {
  const prefix = `${name.toLowerCase()}(`;
  if (!segment.toLowerCase().startsWith(prefix) || !segment.endsWith(')')) return undefined;
  return segment.slice(prefix.length, -1);
}
