import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Rule, Severity } from '@lhconf/lint';
import type { SourceRange } from '@lhconf/parser';
import { ruleHelpUri, type FileResult, type Reporter } from './types.js';

const level = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<Severity, string>;

/** Problems that come from the parser and the evaluator rather than from a rule: no docs section, not configurable. */
const builtinDescriptors: Record<string, string> = {
  syntax: 'Syntax errors: lighttpd refuses the file',
  semantic: "lighttpd's own checks while reading the config (includes, variables, values)",
};

const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDE viewers): one run; the reporting rules' metadata with a
 * link to their docs; locations relative to %SRCROOT% (the working directory); fixes as replacements; a fingerprint
 * per result that survives edits elsewhere in the file.
 */
export const sarif: Reporter = (report) => {
  // Only the rules that reported something, as ESLint's SARIF formatter does: the log stays small and stable.
  const used = new Set(report.results.flatMap((r) => r.diagnostics.map((d) => d.ruleId)));
  const descriptors = [
    ...Object.values(report.rules)
      .filter((rule) => used.has(rule.id))
      .map(ruleDescriptor),
    ...Object.entries(builtinDescriptors)
      .filter(([id]) => used.has(id))
      .map(([id, text]) => ({ id, shortDescription: { text } })),
  ];
  const ruleIndex = new Map(descriptors.map((r, i) => [r.id, i]));
  const results = report.results.flatMap((file) => {
    const seen = new Map<string, number>();
    return file.diagnostics.map((d) => {
      const fingerprint = fingerprintOf(d, file, seen);
      return {
        ruleId: d.ruleId,
        ...(ruleIndex.has(d.ruleId) && { ruleIndex: ruleIndex.get(d.ruleId) }),
        level: level[d.severity],
        message: { text: d.message },
        locations: [location(d.range)],
        ...(relatedOf(d).length > 0 && { relatedLocations: relatedOf(d) }),
        partialFingerprints: { 'lhconf/v1': fingerprint },
        ...(d.fix && { fixes: [fixOf(d.fix)] }),
        ...(d.fix && { properties: { fixSafe: d.fix.safe } }),
      };
    });
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'lhconf',
            version: report.toolVersion,
            informationUri: ruleHelpUri('').replace(/#$/, ''),
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function ruleDescriptor(rule: Rule) {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: { level: level[rule.severity] },
    properties: {
      ...(rule.fixable && { fixable: rule.fixable }),
      ...(rule.fatal && { lighttpdRefusesToStart: true }),
    },
  };
}

function region(r: SourceRange) {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

function artifact(file: string) {
  // Paths outside the working directory stay absolute (file: URIs); the others are relative to %SRCROOT%.
  if (file.startsWith('/')) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function location(r: SourceRange, message?: string) {
  return { physicalLocation: { artifactLocation: artifact(r.file), region: region(r) }, ...(message && { message: { text: message } }) };
}

function relatedOf(d: Diagnostic) {
  return [
    ...(d.related ?? []).map((r) => location(r.range, r.message)),
    ...(d.includeChain ?? []).map((r) => location(r, 'included from here')),
  ];
}

function fixOf(fix: NonNullable<Diagnostic['fix']>) {
  const byFile = new Map<string, NonNullable<Diagnostic['fix']>['edits']>();
  for (const edit of fix.edits) byFile.set(edit.range.file, [...(byFile.get(edit.range.file) ?? []), edit]);
  return {
    description: { text: `${fix.title}${fix.safe ? '' : ' (unsafe: changes meaning)'}` },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: artifact(file),
      replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.text } })),
    })),
  };
}

/**
 * Identifies a result across runs while lines move: the rule, file, message id and the text flagged (or its
 * whole line when the range is empty), numbered among identical ones in the file. Not the line number.
 */
function fingerprintOf(d: Diagnostic, file: FileResult, seen: Map<string, number>): string {
  const source = d.range.file === file.file ? file.source : undefined;
  let flagged = source?.slice(d.range.start.offset, d.range.end.offset) ?? '';
  if (flagged.trim() === '' && source !== undefined) {
    const lineStart = source.lastIndexOf('\n', d.range.start.offset - 1) + 1;
    const lineEnd = source.indexOf('\n', d.range.start.offset);
    flagged = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  }
  const key = [d.ruleId, d.range.file, d.messageId, flagged.trim().replace(/\s+/g, ' ')].join('\0');
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence + 1}`;
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
