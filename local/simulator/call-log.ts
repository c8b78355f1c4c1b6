import { isUnderPath } from './http/path-prefix.js';
import { headerValue, parseFormBody, parseJsonBody, type SimRequest } from './http/request.js';

/** One request the simulator received, as the control API reports it. */
export interface CallRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Every header except Authorization. */
  headers: Record<string, string>;
  /** The JSON or form body (client_secret masked), the raw text otherwise, null when empty. */
  body: unknown;
  /** The status answered; null while in flight or when the connection was dropped without an answer. */
  status: number | null;
  time: string;
}

export interface CallFilter {
  method?: string;
  path?: string;
}

export class CallLog {
  private calls: CallRecord[] = [];

  /** Records the call on arrival, so the log keeps arrival order; the caller fills in the status later. */
  record(request: SimRequest): CallRecord {
    const call: CallRecord = {
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      headers: recordedHeaders(request),
      body: recordedBody(request),
      status: null,
      time: request.receivedAt.toISOString(),
    };
    this.calls.push(call);
    return call;
  }

  list(filter: CallFilter): readonly CallRecord[] {
    return this.calls.filter(
      (call) =>
        (filter.method === undefined || call.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || isUnderPath(call.path, filter.path)),
    );
  }

  clear(): void {
    this.calls = [];
  }
}

function recordedHeaders(request: SimRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(request.headers)) {
    if (name === 'authorization') continue;
    headers[name] = headerValue(request, name) ?? '';
  }
  return headers;
}

function recordedBody(request: SimRequest): unknown {
  if (request.rawBody === '') return null;
  const json = parseJsonBody(request);
  if (json.parsed) return json.value;
  if (headerValue(request, 'content-type')?.includes('application/x-www-form-urlencoded')) {
    const form = parseFormBody(request);
    if ('client_secret' in form) form['client_secret'] = '***';
    return form;
  }
  return request.rawBody;
}
