export * from './ast.js';
export * from './source.js';
export * from './diagnostic.js';
export * from './version.js';
export { parse, parseBytes, decodeBytes, type ParseOptions, type ParseResult } from './parse.js';
export * from './evaluate/index.js';
