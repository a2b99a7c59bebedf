export type NotebookErrorCode =
  | 'notebook_not_found'
  | 'source_not_found'
  | 'file_too_large'
  | 'notebook_too_large'
  | 'too_many_files'
  | 'parse_timeout'
  | 'parse_failed'
  | 'bad_archive'
  | 'unavailable';

/** A notebook request refused: a stable code and a message saying what to do; the HTTP edge gives it its status. */
export class NotebookError extends Error {
  override readonly name = 'NotebookError';
  constructor(
    readonly code: NotebookErrorCode,
    message: string,
  ) {
    super(message);
  }
}
