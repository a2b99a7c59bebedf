export type StoreErrorCode =
  | 'session_not_found'
  | 'learner_not_found'
  | 'database_newer'
  | 'database_unopenable'
  | 'database_driver_missing'
  | 'database_corrupt'
  | 'database_full'
  | 'database_readonly'
  | 'database_io'
  | 'notebook_not_found';

/**
 * A store failure as the person running the server needs it: a stable code and a message naming the
 * fix. Every store implementation rejects with these, so the edges never read a driver's own errors.
 * Messages fit a WebSocket close reason (123 bytes).
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
