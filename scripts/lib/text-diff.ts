/** Line diffs for conformance reports: the first differing line as a one-line reason, and a unified diff. */

/** `line N: expected … got …` for the first line where `actual` differs from `expected`, or undefined when equal. */
export function firstDifference(expected: string, actual: string, names = { expected: 'lighttpd', actual: 'lhconf' }): string | undefined {
  if (expected === actual) return undefined;
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (line: string | undefined) => (line === undefined ? '<end of output>' : JSON.stringify(line));
  return `line ${i + 1}: ${names.expected} ${show(a[i])}, ${names.actual} ${show(b[i])}`;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Longest-common-subsequence edit script of the lines between the common prefix and suffix. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // The middle of a config print is small; a huge one is shown as one replaced block instead.
  if (n * m > 4_000_000) {
    return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  }
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i++]! }), j++;
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: '-', line: a[i++]! });
    else ops.push({ kind: '+', line: b[j++]! });
  }
  return ops;
}

/** A unified diff (`-` expected, `+` actual) with `context` lines around each change; '' when equal. */
export function unifiedDiff(expected: string, actual: string, labels = { expected: 'lighttpd', actual: 'lhconf' }, context = 3): string {
  if (expected === actual) return '';
  const a = expected.split('\n');
  const b = actual.split('\n');
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: Op[] = [
    ...a.slice(0, pre).map((line): Op => ({ kind: ' ', line })),
    ...editScript(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf)),
    ...a.slice(a.length - suf).map((line): Op => ({ kind: ' ', line })),
  ];
  const out = [`--- ${labels.expected}`, `+++ ${labels.actual}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') { k++; continue; }
    // One hunk: `context` lines around this change and every later change that follows the
    // previous one within 2*context unchanged lines.
    let last = k;
    for (let j = k + 1; j < ops.length; j++) {
      if (ops[j]!.kind === ' ') continue;
      if (j - last - 1 > 2 * context) break;
      last = j;
    }
    const start = Math.max(0, k - context);
    const stop = Math.min(ops.length, last + 1 + context);
    const lineA = ops.slice(0, start).filter((o) => o.kind !== '+').length + 1;
    const lineB = ops.slice(0, start).filter((o) => o.kind !== '-').length + 1;
    const hunk = ops.slice(start, stop);
    out.push(`@@ -${lineA},${hunk.filter((o) => o.kind !== '+').length} +${lineB},${hunk.filter((o) => o.kind !== '-').length} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = stop;
  }
  return out.join('\n');
}
