import type { ServerResponse } from 'node:http';

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; absent for empty answers such as 204. */
  body?: unknown;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers, body };
}

export const noContent: SimResponse = { status: 204 };

/** No chaining on writeHead: restify, when loaded in the same process, patches it to return nothing. */
export function writeResponse(response: ServerResponse, answer: SimResponse): void {
  const headers = { ...answer.headers };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (!hasContentType) headers['Content-Type'] = 'application/json; charset=utf-8';
  response.writeHead(answer.status, { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) });
  response.end(payload);
}
