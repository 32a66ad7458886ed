import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseEditorConfig, sectionMatches, type EditorConfigFile } from './editorconfig.js';
import { normalizeFormatOptions, type FormatOptions } from './options.js';

/** Reads a text file, or returns undefined when it does not exist. The CLI passes one built on its `Io`. */
export type ReadTextFile = (file: string) => Promise<string | undefined>;

const readFromDisk: ReadTextFile = async (file) => {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
};

/** The editorconfig properties lhconf reads, mapped to format options. */
function fromEditorConfig(props: Record<string, string>): Partial<FormatOptions> {
  const out: Partial<FormatOptions> = {};
  if (props['indent_style'] === 'tab') out.useTabs = true;
  else if (props['indent_style'] === 'space') out.useTabs = false;
  const size = props['indent_size'] === 'tab' ? props['tab_width'] : (props['indent_size'] ?? props['tab_width']);
  if (size && /^\d+$/.test(size) && Number(size) > 0) out.indentWidth = Number(size);
  const max = props['max_line_length'];
  if (max && /^\d+$/.test(max) && Number(max) > 0) out.lineWidth = Number(max);
  return out;
}

/**
 * The config files lhconf reads, in the order tried in each directory. The same list as
 * `CONFIG_FILE_NAMES` in @lhconf/lint, which owns the rest of the file (format cannot depend on lint).
 */
const CONFIG_FILE_NAMES = ['.lhconfrc.json', 'lhconf.config.json'] as const;

/** The `format` section of the nearest lhconf config file (checked), or `{}`. */
async function findFormatSection(dirs: readonly string[], readTextFile: ReadTextFile): Promise<Partial<FormatOptions>> {
  for (const dir of dirs) {
    for (const name of CONFIG_FILE_NAMES) {
      const rcFile = path.join(dir, name);
      const text = await readTextFile(rcFile);
      if (text === undefined) continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new Error(`${rcFile}: not valid JSON: ${(err as Error).message}`);
      }
      const section = (json as { format?: unknown } | null)?.format ?? {};
      if (typeof section !== 'object' || section === null || Array.isArray(section)) throw new Error(`${rcFile}: "format" must be an object`);
      try {
        normalizeFormatOptions(section as Partial<FormatOptions>);
      } catch (err) {
        throw new Error(`${rcFile}: ${(err as Error).message}`);
      }
      return section as Partial<FormatOptions>;
    }
  }
  return {};
}

/**
 * The format options for `filePath`: defaults, overridden by the `.editorconfig` files above it (nearer ones
 * win, up to one with `root = true`), overridden by the `format` section of the nearest `.lhconfrc.json` or
 * `lhconf.config.json`. Throws when that file is not JSON or its `format` section holds an unknown or
 * mistyped option.
 */
export async function resolveFormatOptions(filePath: string, readTextFile: ReadTextFile = readFromDisk): Promise<FormatOptions> {
  const file = path.resolve(filePath);
  const dirs: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (path.dirname(dir) === dir) break;
  }

  // Outermost first, so that nearer files and later sections override.
  const editorConfigs: { dir: string; config: EditorConfigFile }[] = [];
  for (const dir of dirs) {
    const text = await readTextFile(path.join(dir, '.editorconfig'));
    if (text === undefined) continue;
    const config = parseEditorConfig(text);
    editorConfigs.unshift({ dir, config });
    if (config.root) break;
  }
  let merged: Record<string, string> = {};
  for (const { dir, config } of editorConfigs) {
    for (const section of config.sections) {
      if (sectionMatches(section.glob, dir, file)) merged = { ...merged, ...section.properties };
    }
  }

  const rc = await findFormatSection(dirs, readTextFile);
  return normalizeFormatOptions({ ...fromEditorConfig(merged), ...rc });
}
