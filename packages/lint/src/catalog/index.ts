// The directive catalogue: every fact lhconf knows about lighttpd's keys, modules, conditions, backend options
// and feature flags. Rules, hover, completion and docs read them from here and nowhere else.
export * from './directives.js';
export * from './modules.js';
export * from './conditions.js';
export * from './backend-options.js';
export * from './feature-flags.js';
export * from './module-loading.js';
export * from './paths.js';
export { editDistance, closestName } from './edit-distance.js';
export * from './url-rules.js';
export * from './cgi.js';
export * from './tls.js';
