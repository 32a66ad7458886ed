import type { ArrayEntry, Value } from './types.js';

/** lighttpd compares keys ASCII case-insensitively (array.c array_caseless_compare); this is the map key. */
export function foldKey(key: string): string {
  // Called for every key and block text the evaluator stores or looks up: a scan is cheaper than a regex.
  let capital = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    // toLowerCase would fold more than ASCII: beyond it, only A-Z change.
    if (c > 127) return key.replace(/[A-Z]+/g, (m) => m.toLowerCase());
    if (c >= 65 && c <= 90) capital = true;
  }
  return capital ? key.toLowerCase() : key;
}

const INT64_MAX = (1n << 63n) - 1n;

/**
 * An integer literal as lighttpd reads it: `strtol` into a 64-bit long (ERANGE beyond it is
 * "error parsing number"), then stored in a C int, i.e. wrapped to 32 bits (`4294967297` is 1).
 */
export function parseIntegerLiteral(raw: string): number | undefined {
  const digits = /^[0-9]+$/.test(raw) ? raw : undefined;
  if (digits === undefined) return undefined;
  const big = BigInt(digits);
  if (big > INT64_MAX) return undefined;
  return Number(BigInt.asIntN(32, big));
}

/** The result of `+` (configparser_merge_data), or why it fails. */
export type MergeResult =
  | { ok: true; value: Value; ignoredDuplicates: string[] }
  | { ok: false; reason: 'type-mismatch' }
  | { ok: false; reason: 'duplicate-array-key'; key: string; ignoredDuplicates: string[] };

/**
 * `left + right` as lighttpd computes it: string/integer concatenation (integers as decimal text),
 * 32-bit integer addition, array append. A keyed right element whose key the left array already has
 * is tolerated (with a "Duplicate array-key" message) only when type and value are identical.
 * With `inPlace`, an array `left` the caller owns is extended instead of copied (repeated `+=` stays linear).
 */
export function mergeValues(left: Value, right: Value, inPlace = false): MergeResult {
  if (left.kind === 'string' && right.kind === 'string') return ok({ kind: 'string', value: left.value + right.value });
  if (left.kind === 'string' && right.kind === 'integer') return ok({ kind: 'string', value: left.value + String(right.value) });
  if (left.kind === 'integer' && right.kind === 'string') return ok({ kind: 'string', value: String(left.value) + right.value });
  if (left.kind === 'integer' && right.kind === 'integer') return ok({ kind: 'integer', value: (left.value + right.value) | 0 });
  if (left.kind !== 'array' || right.kind !== 'array') return { ok: false, reason: 'type-mismatch' };

  const elements = inPlace ? left.elements : left.elements.slice();
  const index = keyIndex(elements, inPlace ? left.elements : undefined);
  const ignoredDuplicates: string[] = [];
  for (const entry of right.elements) {
    if (entry.key === null) {
      elements.push(entry);
      continue;
    }
    const folded = foldKey(entry.key);
    const existing = index.get(folded);
    if (existing === undefined) {
      index.set(folded, entry);
      elements.push(entry);
      continue;
    }
    if (isSameScalar(existing.value, entry.value)) {
      ignoredDuplicates.push(entry.key);
      continue;
    }
    return { ok: false, reason: 'duplicate-array-key', key: entry.key, ignoredDuplicates };
  }
  return { ok: true, value: inPlace ? left : { kind: 'array', elements }, ignoredDuplicates };
}

/** A copy the caller may extend in place (nested values are never mutated, so one level is enough). */
export function ownedCopy(value: Value): Value {
  return value.kind === 'array' ? { kind: 'array', elements: value.elements.slice() } : value;
}

function ok(value: Value): MergeResult {
  return { ok: true, value, ignoredDuplicates: [] };
}

/** Folded key → entry of an array's elements; cached per elements list that is extended in place. */
const keyIndexCache = new WeakMap<ArrayEntry[], Map<string, ArrayEntry>>();

function keyIndex(elements: ArrayEntry[], cacheFor: ArrayEntry[] | undefined): Map<string, ArrayEntry> {
  const cached = cacheFor && keyIndexCache.get(cacheFor);
  if (cached) return cached;
  const index = new Map<string, ArrayEntry>();
  for (const e of elements) if (e.key !== null) index.set(foldKey(e.key), e);
  if (cacheFor) keyIndexCache.set(cacheFor, index);
  return index;
}

function isSameScalar(a: Value, b: Value): boolean {
  if (a.kind === 'string' && b.kind === 'string') return a.value === b.value;
  if (a.kind === 'integer' && b.kind === 'integer') return a.value === b.value;
  return false;
}

/** lighttpd's `stringop`: a string, or an integer as decimal text; arrays are refused ("operand must be string"). */
export function toStringOperand(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'integer') return String(value.value);
  return undefined;
}

export function describeKind(value: Value): string {
  return value.kind === 'array' ? 'an array' : value.kind === 'string' ? 'a string' : 'an integer';
}
