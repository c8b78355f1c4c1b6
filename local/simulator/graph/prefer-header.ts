import { headerValue, type SimRequest } from '../http/request.js';

// The `Prefer` preferences users/delta understands (OData; user: delta): `odata.maxpagesize=N` and
// `return=minimal`. A preference is a wish, so one that cannot be honoured is ignored, not refused.

const maxPageSizeLimit = 999;

export interface Preferences {
  maxPageSize: number | undefined;
  returnMinimal: boolean;
  /** The `Preference-Applied` header value, or undefined when nothing was applied. */
  applied: string | undefined;
}

export function readPreferences(request: SimRequest): Preferences {
  // Several Prefer headers arrive joined with ', ', the same separator as within one header.
  const tokens = (headerValue(request, 'prefer') ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  let maxPageSize: number | undefined;
  let returnMinimal = false;
  for (const token of tokens) {
    const [name = '', value = ''] = token.split('=').map((part) => part.trim());
    if (name.toLowerCase() === 'odata.maxpagesize') {
      const size = Number(value);
      if (Number.isInteger(size) && size >= 1) {
        maxPageSize = Math.min(size, maxPageSizeLimit);
      }
    } else if (name.toLowerCase() === 'return' && value.toLowerCase() === 'minimal') {
      returnMinimal = true;
    }
  }
  const applied = [
    ...(maxPageSize === undefined ? [] : [`odata.maxpagesize=${maxPageSize}`]),
    ...(returnMinimal ? ['return=minimal'] : []),
  ];
  return { maxPageSize, returnMinimal, applied: applied.length === 0 ? undefined : applied.join(', ') };
}
