import { CalcError } from './calc-error';
import type { Matrix, NumberArray, ShapedArray, Tensor } from './case';

/**
 * Input shapes, checked once at the calculator's edge so that the loss code can trust them.
 * Arrays are read in place (plain or typed); only ragged or nested inputs are copied.
 */

export interface Rows {
  rows: number;
  cols: number;
  /** Row-major values, rows × cols. */
  data: NumberArray;
}

const isShaped = (value: Tensor): value is ShapedArray => (value as Partial<ShapedArray>).shape !== undefined;

/** True for rows: a list of row arrays, or values with a two-dimensional shape. */
export const isRowList = (value: Tensor): boolean =>
  isShaped(value) ? value.shape.length === 2 : value.length > 0 && typeof (value as ArrayLike<unknown>)[0] === 'object';

/** The shape's own checks: one or two positive sizes whose product is the number of values. */
function checkShaped(value: ShapedArray, name: string): void {
  const { data, shape } = value;
  const sizes = shape.length === 1 || shape.length === 2 ? shape.every((size) => Number.isInteger(size) && size > 0) : false;
  if (!sizes || shape.reduce((a, b) => a * b, 1) !== data.length) {
    throw new CalcError('invalid_input', `inputs.${name} has shape [${shape.join(', ')}] and ${data.length} values: give a shape [n] or [rows, cols] whose sizes multiply to the number of values.`, `inputs.${name}`);
  }
}

export function requireInput<T>(value: T | undefined, name: string, what: string): T {
  if (value === undefined || value === null) {
    throw new CalcError('missing_input', `inputs.${name} is missing: give ${what}.`, `inputs.${name}`);
  }
  return value;
}

function requireNonEmpty(value: ArrayLike<unknown>, name: string): void {
  if (value.length === 0) {
    throw new CalcError('empty_input', `inputs.${name} is empty: give at least one value.`, `inputs.${name}`);
  }
}

/** A flat view of a vector or of all the elements of a matrix (elementwise losses flatten). */
export function flatten(value: Tensor, name: string): { data: NumberArray; shape: number[] } {
  if (isShaped(value)) {
    checkShaped(value, name);
    return { data: value.data, shape: [...value.shape] };
  }
  requireNonEmpty(value, name);
  if (!isRowList(value)) return { data: value as NumberArray, shape: [value.length] };
  const rows = toRows(value, name);
  return { data: rows.data, shape: [rows.rows, rows.cols] };
}

/** Rows of equal length; a flat vector is read as one row. */
export function toRows(value: Tensor, name: string): Rows {
  if (isShaped(value)) {
    checkShaped(value, name);
    const [rows, cols] = value.shape.length === 1 ? [1, value.shape[0]!] : [value.shape[0]!, value.shape[1]!];
    return { rows, cols, data: value.data };
  }
  requireNonEmpty(value, name);
  if (!isRowList(value)) return { rows: 1, cols: value.length, data: value as NumberArray };
  const matrix = value as Matrix;
  const cols = matrix[0]!.length;
  if (cols === 0) throw new CalcError('empty_input', `inputs.${name}[0] is an empty row: give at least one value per row.`, `inputs.${name}[0]`);
  const data = new Float64Array(matrix.length * cols);
  for (let r = 0; r < matrix.length; r++) {
    const row = matrix[r]!;
    if (typeof row !== 'object' || row.length !== cols) {
      throw new CalcError(
        'ragged_rows',
        `inputs.${name}[${r}] has ${typeof row === 'object' ? row.length : 1} values but row 0 has ${cols}: every row must have the same length.`,
        `inputs.${name}[${r}]`,
      );
    }
    for (let c = 0; c < cols; c++) data[r * cols + c] = row[c]!;
  }
  return { rows: matrix.length, cols, data };
}

export function requireSameLength(a: { length: number }, aName: string, b: { length: number }, bName: string): void {
  if (a.length !== b.length) {
    throw new CalcError(
      'length_mismatch',
      `inputs.${aName} has ${a.length} values but inputs.${bName} has ${b.length}: give one ${aName} for each ${bName}.`,
      `inputs.${bName}`,
    );
  }
}

export function requireSameShape(a: number[], aName: string, b: number[], bName: string): void {
  if (a.length !== b.length || a.some((size, i) => size !== b[i])) {
    throw new CalcError(
      'length_mismatch',
      `inputs.${aName} has shape [${a.join(', ')}] but inputs.${bName} has shape [${b.join(', ')}]: they must match element for element.`,
      `inputs.${bName}`,
    );
  }
}

/** Index of the first element that is not a finite number, or -1. */
export function firstNonFinite(data: NumberArray): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

export function nonFiniteError(name: string, index: number, value: unknown): CalcError {
  return new CalcError(
    'non_finite',
    `inputs.${name}[${index}] is ${String(value)}: every input must be a finite number.`,
    `inputs.${name}[${index}]`,
  );
}

export function requireFinite(data: NumberArray, name: string): void {
  const bad = firstNonFinite(data);
  if (bad >= 0) throw nonFiniteError(name, bad, data[bad]);
}

export function requireInRange(data: NumberArray, name: string, low: number, high: number, code: 'probability_out_of_range' | 'label_out_of_range', rule: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= low && v <= high)) {
      if (!Number.isFinite(v)) throw nonFiniteError(name, i, v);
      throw new CalcError(code, `inputs.${name}[${i}] is ${v}: ${rule}.`, `inputs.${name}[${i}]`);
    }
  }
}

/** Class indices: integers in [0, classes), except the ignored index. */
export function requireClassIndices(data: NumberArray, name: string, classes: number, ignoreIndex?: number): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === ignoreIndex) continue;
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      if (!Number.isFinite(v)) throw nonFiniteError(name, i, v);
      throw new CalcError(
        'class_out_of_range',
        `inputs.${name}[${i}] is ${v}, which is not a class index: with ${classes} classes an index is an integer from 0 to ${classes - 1}${ignoreIndex === undefined ? '' : ` (or ${ignoreIndex}, the ignored index)`}.`,
        `inputs.${name}[${i}]`,
      );
    }
  }
}

/** Labels in {-1, 1}; labels all in {0, 1} are mapped to {-1, 1}, as Keras does for hinge losses. */
export function signLabels(data: NumberArray, name: string): Float64Array {
  let zeroOne = true;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0 && data[i] !== 1) zeroOne = false;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (zeroOne) out[i] = v === 0 ? -1 : 1;
    else if (v === 1 || v === -1) out[i] = v;
    else {
      if (!Number.isFinite(v)) throw nonFiniteError(name, i, v);
      throw new CalcError('label_out_of_range', `inputs.${name}[${i}] is ${v}: labels must be -1 or 1 (or all 0 or 1).`, `inputs.${name}[${i}]`);
    }
  }
  return out;
}

/** Reshapes a flat array back into rows, for the per-element values of reduction "none". */
export function unflatten(data: Float64Array, shape: number[]): number[] | number[][] {
  if (shape.length === 1) return Array.from(data);
  const [rows, cols] = shape as [number, number];
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
  return out;
}
