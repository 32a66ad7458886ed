import { escapeXml, XML_DECLARATION } from './xml.js';
import type { Reporter } from './types.js';

/** Checkstyle XML (as Jenkins' warnings plugin and many CI tools read it): one <file> per linted file. */
export const checkstyle: Reporter = (report) => {
  const out = [XML_DECLARATION, '<checkstyle version="4.3">'];
  for (const result of report.results) {
    out.push(`  <file name="${escapeXml(result.file)}">`);
    for (const d of result.diagnostics) {
      const attrs = [
        `line="${d.range.start.line}"`,
        `column="${d.range.start.column}"`,
        `severity="${d.severity}"`,
        `message="${escapeXml(`${d.message} (${d.ruleId})`)}"`,
        `source="${escapeXml(`lhconf.${d.ruleId}`)}"`,
      ];
      out.push(`    <error ${attrs.join(' ')} />`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
};
