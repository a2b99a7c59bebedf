/** An error that knows its HTTP status; the error handler in http-app.ts is the only place that formats it. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
