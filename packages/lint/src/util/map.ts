/** Returns `map.get(key)`, first storing `create()` under `key` when it is missing. */
export function getOrInsert<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined && !map.has(key)) {
    value = create();
    map.set(key, value);
  }
  return value as V;
}
