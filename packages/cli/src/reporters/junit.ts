import { formatLocation } from '@lhconf/parser';
import { escapeXml, XML_DECLARATION } from './xml.js';
import type { Reporter } from './types.js';

/**
 * JUnit XML for CI test dashboards: one test suite per file, one failing test case per problem (a clean file
 * has one passing case), so a config shows up like a test that passes or fails.
 */
export const junit: Reporter = (report) => {
  const all = report.results.flatMap((r) => r.diagnostics);
  const cases = (n: number) => Math.max(1, n);
  const tests = report.results.reduce((sum, r) => sum + cases(r.diagnostics.length), 0);
  const out = [XML_DECLARATION, `<testsuites name="lhconf" tests="${tests}" failures="${all.length}" errors="0">`];
  for (const result of report.results) {
    const file = escapeXml(result.file);
    out.push(`  <testsuite name="${file}" tests="${cases(result.diagnostics.length)}" failures="${result.diagnostics.length}" errors="0" skipped="0">`);
    if (result.diagnostics.length === 0) out.push(`    <testcase name="lhconf" classname="${file}" />`);
    for (const d of result.diagnostics) {
      const location = formatLocation(d.range);
      out.push(`    <testcase name="${escapeXml(`${location} ${d.ruleId}`)}" classname="${file}">`);
      out.push(`      <failure message="${escapeXml(d.message)}" type="${d.severity}">${escapeXml(`${d.severity}: ${d.message} [${d.ruleId}] at ${location}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
