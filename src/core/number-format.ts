/**
 * How the calculator writes numbers in worked steps: up to 10 significant digits, no exponent for
 * everyday magnitudes, so a learner can follow the arithmetic and a test can find each number again.
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e15)) return value.toExponential(6).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(10)));
}
