import * as path from 'node:path';
import picomatch from 'picomatch';

/** One `[glob]` section of an `.editorconfig`, its properties lower-cased. */
export interface EditorConfigSection {
  glob: string;
  properties: Record<string, string>;
}

export interface EditorConfigFile {
  root: boolean;
  sections: EditorConfigSection[];
}

/** Parses the INI dialect of editorconfig.org: `key = value`, `[glob]` headers, `#`/`;` comment lines. */
export function parseEditorConfig(text: string): EditorConfigFile {
  const file: EditorConfigFile = { root: false, sections: [] };
  let current: EditorConfigSection | undefined;
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const lineText = raw.trim();
    if (lineText === '' || lineText.startsWith('#') || lineText.startsWith(';')) continue;
    const header = /^\[(.*)\]$/.exec(lineText);
    if (header) {
      current = { glob: header[1]!, properties: {} };
      file.sections.push(current);
      continue;
    }
    const eq = lineText.indexOf('=');
    if (eq < 0) continue;
    const key = lineText.slice(0, eq).trim().toLowerCase();
    const value = lineText.slice(eq + 1).trim();
    if (current) current.properties[key] = value.toLowerCase();
    else if (key === 'root') file.root = value.toLowerCase() === 'true';
  }
  return file;
}

/**
 * Whether a section of the `.editorconfig` in `dir` applies to `file`: a glob without `/` matches the file
 * name in any subdirectory, one with `/` matches the path relative to `dir`.
 */
export function sectionMatches(glob: string, dir: string, file: string): boolean {
  const relative = path.relative(dir, file).split(path.sep).join('/');
  if (relative.startsWith('..')) return false;
  // editorconfig.org: `*`, `**`, `?`, `[abc]`, `[!abc]`, `{a,b}`, `\` escapes; dot files are files like any other.
  const options = { dot: true, posix: true, basename: !glob.includes('/') };
  return picomatch(glob.replace(/^\//, ''), options)(relative);
}
