/** The loss calculator: pure TypeScript, no I/O, shared by the tutor, CLI, server and browser. */
export { calculate } from './calculate';
export { CalcError, type CalcErrorCode } from './calc-error';
export { losses, resolveLoss, type LossInfo } from './registry';
export { Gradient, toNested, type NestedGradient, type NestedCalcResult, type NestedTermResult } from './gradient';
export { formatNumber } from './number-format';
export type { ParamSpec } from './param-spec';
export type * from './case';
