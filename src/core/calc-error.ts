/**
 * Every way a loss computation can be refused. Codes are stable: the command line, the HTTP API,
 * the chat protocol and the model's tool all pass them on unchanged (docs/errors.md lists them).
 */
export type CalcErrorCode =
  | 'unknown_loss'
  | 'unknown_param'
  | 'invalid_param'
  | 'unknown_reduction'
  | 'missing_input'
  | 'empty_input'
  | 'length_mismatch'
  | 'ragged_rows'
  | 'non_finite'
  | 'probability_out_of_range'
  | 'label_out_of_range'
  | 'class_out_of_range'
  | 'zero_target'
  | 'negative_value'
  | 'non_positive_variance'
  | 'invalid_input';

export class CalcError extends Error {
  override readonly name = 'CalcError';
  constructor(
    readonly code: CalcErrorCode,
    message: string,
    /** The input or parameter at fault, e.g. "yPred[3]" or "params.delta". */
    readonly input?: string,
  ) {
    super(message);
  }

  toJSON(): { code: CalcErrorCode; message: string; input?: string } {
    return this.input === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, input: this.input };
  }
}
