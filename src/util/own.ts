/** A lookup in a constant table by a key that came from input: own properties only (`constructor` finds nothing). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
