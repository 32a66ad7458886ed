export * from './ast.js';
export * from './source.js';
export * from './diagnostic.js';
export * from './version.js';
export { parse, parseBytes, decodeBytes, MAX_NESTING, MAX_FILE_BYTES, type ParseOptions, type ParseResult } from './parse.js';
export { reparse } from './incremental.js';
export * from './evaluate/index.js';
