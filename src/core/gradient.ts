import type { CalcResult, TermResult } from './case';

/** A gradient as nested arrays: one number per element, or one row per row of the input. */
export type NestedGradient = number[] | number[][];

/**
 * A gradient in the calculator's own representation: the row-major values of a `Float64Array`
 * and their shape (`[n]` for a vector, `[rows, cols]` for rows). Losses write it in place and hand
 * it over without copying; `toNested()` (and `JSON.stringify`, through `toJSON`) gives the nested
 * arrays that the JSON contracts and the steps tables show.
 */
export class Gradient {
  constructor(
    readonly data: Float64Array,
    readonly shape: readonly [number] | readonly [number, number],
  ) {}

  /** A vector gradient over `data`, or rows of `cols` values when the input had rows. */
  static of(data: Float64Array, shape: readonly number[]): Gradient {
    return new Gradient(data, shape.length === 1 ? [data.length] : [shape[0]!, shape[1]!]);
  }

  toNested(): NestedGradient {
    if (this.shape.length === 1) return Array.from(this.data);
    const [rows, cols] = this.shape;
    const out: number[][] = new Array(rows);
    for (let r = 0; r < rows; r++) out[r] = Array.from(this.data.subarray(r * cols, (r + 1) * cols));
    return out;
  }

  toJSON(): NestedGradient {
    return this.toNested();
  }

  /** factor · this, as a new gradient (this one is left as it is). */
  scaled(factor: number): Gradient {
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = factor * this.data[i]!;
    return new Gradient(out, this.shape);
  }

  /** this + other, element by element; the two have the same shape (terms sharing one input). */
  plus(other: Gradient): Gradient {
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = this.data[i]! + other.data[i]!;
    return new Gradient(out, this.shape);
  }
}

export interface NestedTermResult extends Omit<TermResult, 'grad'> {
  grad?: NestedGradient;
}

/** A result whose gradients are nested arrays: what plain-data callers (tables, messages) read. */
export interface NestedCalcResult extends Omit<CalcResult, 'grad' | 'terms'> {
  grad?: NestedGradient;
  terms?: NestedTermResult[];
}

/** The same result with every gradient as nested arrays, for callers that show or send plain data. */
export function toNested(result: CalcResult): NestedCalcResult {
  const { grad, terms, ...rest } = result;
  const nested: NestedCalcResult = rest;
  if (grad) nested.grad = grad.toNested();
  if (terms) {
    nested.terms = terms.map(({ grad: termGrad, ...term }) => (termGrad ? { ...term, grad: termGrad.toNested() } : term));
  }
  return nested;
}
