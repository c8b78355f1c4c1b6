import type { SimRequest } from '../http/request.js';
import { badRequest, unsupportedQuery } from './errors.js';

// Server-driven paging as Graph does it for directory collections: $top sets the page size
// (default 100, at most 999) and @odata.nextLink carries an opaque $skiptoken.

const defaultPageSize = 100;
const maxPageSize = 999;

export interface Page<Item> {
  items: Item[];
  nextLink: string | undefined;
}

export function paginate<Item>(request: SimRequest, all: readonly Item[]): Page<Item> {
  const pageSize = parsePageSize(request.query.get('$top'));
  const offset = parseSkipToken(request.query.get('$skiptoken'));
  const nextOffset = offset + pageSize;
  return {
    items: all.slice(offset, nextOffset),
    nextLink: nextOffset < all.length ? nextLink(request, nextOffset) : undefined,
  };
}

function parsePageSize(top: string | null): number {
  if (top === null) return defaultPageSize;
  const size = Number(top);
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw unsupportedQuery(`Invalid page size specified: '${top}'. Must be between 1 and ${maxPageSize} inclusive.`);
  }
  return size;
}

function parseSkipToken(token: string | null): number {
  if (token === null) return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('Invalid $skiptoken.');
  return offset;
}

/** The same query with the skip token of the next page, so filter, select and page size carry over. */
function nextLink(request: SimRequest, offset: number): string {
  const query = new URLSearchParams(request.query);
  query.set('$skiptoken', Buffer.from(String(offset)).toString('base64url'));
  return `${request.origin}${request.path}?${query.toString()}`;
}
