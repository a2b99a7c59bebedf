import { CalcError } from './calc-error';
import type { ParamValue } from './case';

export type ParamType = 'number' | 'integer' | 'boolean' | 'numbers' | 'choice';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** Undefined means "none": the parameter's effect is off unless given. */
  default?: ParamValue;
  description: string;
  min?: number;
  max?: number;
  /** The lower bound itself is not allowed. */
  exclusiveMin?: boolean;
  choices?: readonly string[];
}

export type ResolvedParams = Record<string, ParamValue | undefined>;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The candidates closest to `word`, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[], limit = 3): string[] {
  const lower = word.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(candidate.length / 3)))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

function invalid(loss: string, spec: ParamSpec, value: unknown, rule: string): CalcError {
  return new CalcError('invalid_param', `params.${spec.name} of ${loss} is ${JSON.stringify(value)}: it must be ${rule}.`, `params.${spec.name}`);
}

function checkNumber(loss: string, spec: ParamSpec, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(loss, spec, value, 'a finite number');
  if (spec.type === 'integer' && !Number.isInteger(value)) throw invalid(loss, spec, value, 'a whole number');
  if (spec.min !== undefined && (value < spec.min || (spec.exclusiveMin === true && value === spec.min))) {
    throw invalid(loss, spec, value, `${spec.exclusiveMin === true ? 'greater than' : 'at least'} ${spec.min}`);
  }
  if (spec.max !== undefined && value > spec.max) throw invalid(loss, spec, value, `at most ${spec.max}`);
  return value;
}

function checkValue(loss: string, spec: ParamSpec, value: unknown): ParamValue {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return checkNumber(loss, spec, value);
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(loss, spec, value, 'true or false');
      return value;
    case 'choice':
      if (typeof value !== 'string' || !spec.choices!.includes(value)) throw invalid(loss, spec, value, `one of ${spec.choices!.join(', ')}`);
      return value;
    case 'numbers': {
      const list = value as ArrayLike<unknown>;
      if (typeof value !== 'object' || value === null || typeof list.length !== 'number' || list.length === 0) {
        throw invalid(loss, spec, value, 'a non-empty list of numbers');
      }
      return Array.from(list, (item) => checkNumber(loss, { ...spec, type: 'number' }, item));
    }
  }
}

/** Every given parameter known and valid; every missing one at its default. A typo is an error. */
export function resolveParams(loss: string, specs: readonly ParamSpec[], given: Record<string, unknown> = {}): ResolvedParams {
  const resolved: ResolvedParams = {};
  for (const name of Object.keys(given)) {
    if (!specs.some((spec) => spec.name === name)) {
      const known = specs.map((spec) => spec.name);
      const hint = closest(name, known);
      const advice = hint.length > 0 ? `did you mean ${hint.join(' or ')}?` : known.length > 0 ? `its parameters are ${known.join(', ')}.` : 'it takes no parameters.';
      throw new CalcError('unknown_param', `${loss} has no parameter "${name}": ${advice}`, `params.${name}`);
    }
  }
  for (const spec of specs) {
    const value = given[spec.name];
    resolved[spec.name] = value === undefined || value === null ? spec.default : checkValue(loss, spec, value);
  }
  return resolved;
}
