import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBytes, parse } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { astShape, sameShape } from '../src/ast-shape.js';

const root = fileURLToPath(new URL('../../../fixtures/format/', import.meta.url));
const inputs = existsSync(root) ? readdirSync(root).sort().map((name) => parseBytes(readFileSync(`${root}${name}/input.conf`)).ast) : [];

/** The reference answer: the JSON of the two shapes. */
const jsonSame = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('sameShape', () => {
  it('agrees with comparing astShape as JSON on every pair of formatter fixtures', () => {
    expect(inputs.length).toBeGreaterThan(10);
    let same = 0;
    for (const a of inputs) {
      for (const b of inputs) {
        const expected = jsonSame(astShape(a), astShape(b));
        expect(sameShape(a, b)).toBe(expected);
        if (expected) same++;
      }
    }
    expect(same).toBeGreaterThanOrEqual(inputs.length);
  });

  it('ignores layout and comments, and sees every change of meaning', () => {
    const base = parse('a = ( "x" => 1, ) # c\n$HTTP["host"] == "h" { b = "y" }\n').ast;
    expect(sameShape(base, parse('# other\na=("x"=>1)\n$HTTP["host"]=="h"{\n  b="y"\n}').ast)).toBe(true);
    for (const changed of [
      'a = ( "x" => 2 )\n$HTTP["host"] == "h" { b = "y" }',
      'a += ( "x" => 1 )\n$HTTP["host"] == "h" { b = "y" }',
      'a = ( "x" => 1 )\n$HTTP["host"] != "h" { b = "y" }',
      'a = ( "x" => 1 )\n$HTTP["url"] == "h" { b = "y" }',
      'a = ( "x" => 1, 2 )\n$HTTP["host"] == "h" { b = "y" }',
      'a = ( "x" => 1 )\n$HTTP["host"] == "h" { b = "y" } else { }',
      'a = ( "x" => 1 )\n$HTTP["host"] == "h" { b = "y" + "" }',
      'a = ( "x" => 1 )',
    ]) {
      const other = parse(changed).ast;
      expect(sameShape(base, other)).toBe(false);
      expect(sameShape(base, other)).toBe(jsonSame(astShape(base), astShape(other)));
    }
  });
});
