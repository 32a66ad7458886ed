import { LATEST_VERSION, type Version } from '@lhconf/parser';
import { asOf, rememberedPerRelease } from './as-of.js';
import { backendNames, backendOptionTable } from './data/backend-options.generated.js';
import type { ValueType } from './directives.js';

export { backendNames };

/** A gateway module, named as the prefix of its `<name>.server` directive. */
export type BackendName = (typeof backendNames)[number];

/**
 * One option of a backend host block: `fastcgi.server = ( ".php" => ( "label" => ( "<option>" => … ) ) )`.
 * lighttpd never reports an unknown option there, so a typo silently does nothing.
 */
export interface BackendOption {
  readonly name: string;
  readonly type: ValueType;
  /** The backends where the option takes effect. */
  readonly backends: readonly BackendName[];
  /** Why the list is what it is, e.g. `spawned backends`, `accepted by all gw backends`. */
  readonly backendsNote?: string;
  /** As the reference writes it, e.g. `4`, `unset`, `127.0.0.1 when only bin-path is given`. */
  readonly defaultValue?: string;
  readonly constraints?: string;
  readonly since: Version;
  readonly status: 'current' | 'deprecated' | 'removed';
  readonly removedIn?: Version;
  /** The option (or directive) to use instead of a deprecated or removed one. */
  readonly replacement?: string;
  readonly note?: string;
}

/** Every backend option of the newest release, as in backend-options.tsv. */
export const backendOptions: readonly BackendOption[] = backendOptionTable;

const byName = new Map(backendOptions.map((o) => [o.name.toLowerCase(), o]));

export function isBackend(name: string): name is BackendName {
  return (backendNames as readonly string[]).includes(name);
}

/** The option as release `targetVersion` knows it (array keys are caseless in lighttpd), or `undefined`. */
export function getBackendOption(name: string, targetVersion: string = LATEST_VERSION): BackendOption | undefined {
  return backendOptionAt(name, targetVersion);
}

const backendOptionAt = rememberedPerRelease((name, target) => {
  const found = byName.get(name.toLowerCase());
  return found && asOf(found, target);
});

/** The options that take effect for `backend` in release `targetVersion`, removed ones left out. */
export function backendOptionsFor(backend: BackendName, targetVersion: string = LATEST_VERSION): BackendOption[] {
  return backendOptions.filter((o) => {
    const known = o.backends.includes(backend) ? asOf(o, targetVersion) : undefined;
    return known !== undefined && known.status !== 'removed';
  });
}

/**
 * Options that only concern backends lighttpd spawns itself (`"bin-path"`): without it, gw_backend.c sets
 * min-procs and max-procs to 1 and never reads the others (backend-options.tsv: "spawned backends").
 */
export const spawnOnlyOptions: readonly string[] = [
  'min-procs',
  'max-procs',
  'max-load-per-proc',
  'idle-timeout',
  'kill-signal',
  'bin-environment',
  'bin-copy-environment',
  'listen-backlog',
];

/** The values of a host's `"mode"` option (gw_backend.c); any other is logged and replaced by `responder`. */
export const backendModes: readonly string[] = ['responder', 'authorizer'];

/** Backends that refuse to start with an `"authorizer"` host: `%s must not define any hosts with attribute "mode" = "authorizer"`. */
export const backendsWithoutAuthorizer: readonly BackendName[] = ['proxy', 'wstunnel'];
