/** Azure Tables failures → StaleWriteError (a concurrency conflict the domain handles) or a ServiceError. */
import { ServiceError } from '../domain/errors.js';
import { StaleWriteError } from '../domain/ports.js';

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
  if (rest.statusCode === undefined) {
    return new ServiceError('storage.unreachable', `${operation}: ${rest.code ?? 'no answer from storage'}`);
  }
  return new ServiceError('storage.unexpected', `${operation}: HTTP ${rest.statusCode} ${rest.code ?? ''}`.trim());
}
