import * as path from 'node:path';

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

/** Translates an editorconfig glob (`*`, `**`, `?`, `[abc]`, `{a,b}`) to a regular expression over `/`-paths. */
export function editorConfigGlobToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '\\' && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Whether a section of the `.editorconfig` in `dir` applies to `file`: a glob without `/` matches the file
 * name in any subdirectory, one with `/` matches the path relative to `dir`.
 */
export function sectionMatches(glob: string, dir: string, file: string): boolean {
  const relative = path.relative(dir, file).split(path.sep).join('/');
  if (relative.startsWith('..')) return false;
  const pattern = glob.includes('/') ? glob.replace(/^\//, '') : `**/${glob}`;
  const re = editorConfigGlobToRegExp(pattern);
  return re.test(relative) || (!glob.includes('/') && editorConfigGlobToRegExp(glob).test(relative));
}
