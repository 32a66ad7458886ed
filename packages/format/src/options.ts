/** How the formatter lays out a config. Every field is optional in {@link format}; see {@link defaultFormatOptions}. */
export interface FormatOptions {
  /** Columns per indentation level (and the width of a tab when `useTabs`). */
  indentWidth: number;
  /** Indent with tabs instead of spaces. */
  useTabs: boolean;
  /** Arrays longer than this are printed one element per line. */
  lineWidth: number;
  /** Pad keys so that the `=` of consecutive assignments lines up. */
  alignAssignments: boolean;
  /** Pad keys so that the `=>` of consecutive keyed array elements lines up. */
  alignArrows: boolean;
  /** End the last element of a multi-line array with `,` (lighttpd -p does). */
  trailingComma: boolean;
}

/** lighttpd -p conventions: 4 spaces, `=` and `=>` aligned, trailing comma in multi-line arrays. */
export const defaultFormatOptions: Readonly<FormatOptions> = Object.freeze({
  indentWidth: 4,
  useTabs: false,
  lineWidth: 100,
  alignAssignments: true,
  alignArrows: true,
  trailingComma: true,
});

const optionTypes = {
  indentWidth: 'number',
  useTabs: 'boolean',
  lineWidth: 'number',
  alignAssignments: 'boolean',
  alignArrows: 'boolean',
  trailingComma: 'boolean',
} as const satisfies { [K in keyof FormatOptions]: 'number' | 'boolean' };

/**
 * Checks user-supplied options (from `.lhconfrc.json` or an API caller) and fills in defaults.
 * Throws on an unknown key or a value of the wrong type, naming it.
 */
export function normalizeFormatOptions(input: Partial<FormatOptions> | undefined): FormatOptions {
  const out: FormatOptions = { ...defaultFormatOptions };
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value === undefined) continue;
    if (!Object.hasOwn(optionTypes, key)) {
      throw new Error(`unknown format option "${key}" (known: ${Object.keys(optionTypes).join(', ')})`);
    }
    const expected = optionTypes[key as keyof FormatOptions];
    if (typeof value !== expected) throw new Error(`format option "${key}" must be a ${expected}, got ${JSON.stringify(value)}`);
    if (expected === 'number' && !(Number.isInteger(value) && (value as number) > 0)) {
      throw new Error(`format option "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
    }
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}
