/** Azure Tables failures → StaleWriteError (a concurrency conflict the domain handles) or a ServiceError. */
import { ServiceError } from '../domain/errors.js';
import { StaleWriteError } from '../domain/ports/versioned.js';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
}

export function isStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && (error as RestErrorLike).statusCode === status;
}

export function toStorageError(error: unknown, operation: string): Error {
  if (isStatus(error, 409) || isStatus(error, 412)) return new StaleWriteError(`${operation}: changed by another writer`);
  const rest = (typeof error === 'object' && error !== null ? error : {}) as RestErrorLike;
  // @azure/identity's errors: the storage account was never asked, the token for it was not to be had.
  if (error instanceof Error && /^(CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError)$/.test(error.name)) {
    return new ServiceError('storage.signin-failed', `${operation}: ${error.name}: ${(error.message.split('\n')[0] ?? '').slice(0, 300)}`);
  }
  if (rest.statusCode === undefined) {
    return new ServiceError('storage.unreachable', `${operation}: ${rest.code ?? 'no answer from storage'}`);
  }
  return new ServiceError('storage.unexpected', `${operation}: HTTP ${rest.statusCode} ${rest.code ?? ''}`.trim());
}
