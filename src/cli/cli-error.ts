/** A command-line failure: printed to stderr as "loss-tutor: <message>", exit code `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
