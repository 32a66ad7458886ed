import { hasFeature } from '../version.js';
import type { ConfigContext, EvaluateResult, Value } from './types.js';

/**
 * The configuration as `lighttpd -p` prints it (configfile.c config_print), byte for byte, including
 * the trailing newline `puts` adds. Iterative: deeply nested blocks and arrays do not overflow the stack.
 */
export function printConfig(result: EvaluateResult, options: { targetVersion?: string } = {}): string {
  const ifPrefix = hasFeature(options.targetVersion ?? result.targetVersion, 'ifElseIfKeywords') ? 'if ' : '';
  // lighttpd pads by bytes; text decoded as latin1 (not valid UTF-8) has one character per byte
  const files = [...result.files.values()];
  const byteLength = files.length > 0 && files.every((d) => d.encoding === 'latin1') ? (s: string) => s.length : utf8Length;
  const out: string[] = [];
  type Item = string | { ctx: ConfigContext; depth: number };
  const work: Item[] = [{ ctx: result.root, depth: 0 }];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { ctx, depth } = item;
    const later: Item[] = [];
    if (ctx.index === 0) out.push('config {\n');
    else {
      if (!ctx.isElse) out.push(`${ifPrefix}${ctx.text} `);
      out.push(`{\n${indent(depth + 1)}# block ${ctx.index}\n`);
    }
    const inner = depth + 1;
    let width = 0;
    for (const s of ctx.settings.values()) width = Math.max(width, byteLength(s.key));
    for (const s of ctx.settings.values()) {
      out.push(`${indent(inner)}${s.key}${' '.repeat(width - byteLength(s.key))} = `);
      printValue(s.value, inner, out, byteLength);
      out.push('\n');
    }
    out.push('\n');
    // only the first block of each else chain is a child entry; the rest follow through `next`
    for (const child of ctx.children) {
      if (child.prev) continue;
      later.push(`\n${indent(inner)}`, { ctx: child, depth: inner }, '\n');
    }
    let tail = `${indent(depth)}}`;
    if (ctx.index !== 0) tail += ` # end of ${ctx.isElse ? 'else' : ctx.text}`;
    later.push(tail);
    if (ctx.next) later.push(`\n${indent(depth)}else `, { ctx: ctx.next, depth });
    for (let i = later.length - 1; i >= 0; i--) work.push(later[i]!);
  }
  out.push('\n');
  return out.join('');
}

function indent(depth: number): string {
  return ' '.repeat(depth * 4);
}

/** lighttpd pads with byte counts (buffer_clen). */
function utf8Length(s: string): number {
  // fast path for ASCII
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

/** Strings are quoted with only `"` escaped (config_print_string). */
function quote(s: string): string {
  return `"${s.replace(/"/g, '\\"')}"`;
}

/**
 * config_print_array: up to 5 scalar elements whose FIRST element has no key print on one line
 * (the keys of later elements are then lost: a quirk kept for byte equality); everything else is one
 * element per line with keys padded to the longest and a trailing comma.
 */
function printValue(root: Value, depth: number, out: string[], byteLength: (s: string) => number): void {
  type Item = string | { value: Value; depth: number };
  const work: Item[] = [{ value: root, depth }];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { value, depth: d } = item;
    if (value.kind === 'string') {
      out.push(quote(value.value));
      continue;
    }
    if (value.kind === 'integer') {
      out.push(String(value.value));
      continue;
    }
    const els = value.elements;
    const oneLine = els.length <= 5 && (els.length === 0 || els[0]!.key === null) && els.every((e) => e.value.kind !== 'array');
    if (oneLine) {
      out.push(`(${els.map((e) => (e.value.kind === 'string' ? quote(e.value.value) : String((e.value as { value: number }).value))).join(', ')})`);
      continue;
    }
    let width = 0;
    for (const e of els) if (e.key !== null) width = Math.max(width, byteLength(e.key));
    const later: Item[] = ['(\n'];
    for (const e of els) {
      let head = indent(d + 1);
      // keys are quoted but, unlike values, not escaped
      if (e.key !== null) head += `"${e.key}"${' '.repeat(width - byteLength(e.key))} => `;
      later.push(head, { value: e.value, depth: d + 1 }, ',\n');
    }
    later.push(`${indent(d)})`);
    for (let i = later.length - 1; i >= 0; i--) work.push(later[i]!);
  }
}
