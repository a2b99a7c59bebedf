/**
 * A module loaded when first needed rather than at start-up, named by its absolute path without
 * extension. require() where it can load one (the built .js, or TypeScript under ts-node's hook);
 * the test runner has no require hook for TypeScript and loads it through import() instead.
 */
export function loadLazily<T>(path: string): Promise<T> {
  const canRequire = __filename.endsWith('.js') || '.ts' in require.extensions;
  return canRequire ? Promise.resolve(require(path) as T) : (import(path) as Promise<T>);
}
