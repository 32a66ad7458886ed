import { DEBIAN_VERSION, LATEST_VERSION, type Version } from '@lhconf/parser';
import { asOf } from './as-of.js';
import { moduleTable, type TsvModuleName } from './data/modules.generated.js';
import { closestName } from './edit-distance.js';

/** A lighttpd module, or `core` for the keys the server itself declares (configfile.c, network.c). */
export type ModuleName = 'core' | TsvModuleName;

/**
 * How Debian 12's lighttpd 1.4.69 ships a module: compiled into /usr/sbin/lighttpd (`builtin`), a loadable file in
 * the `lighttpd` package or another one (`loadable`, `separate-package`: see `debianPackage`), not built at all,
 * newer than 1.4.69 (`unavailable`), or removed before it (`absent`).
 */
export type DebianBuild = 'builtin' | 'loadable' | 'separate-package' | 'not-built' | 'unavailable' | 'absent';

/** `tls`: a TLS backend (only one should be loaded); `dynamic-backend`: a handler whose place in server.modules matters. */
export type ModuleRole = 'tls' | 'dynamic-backend';

export interface ModuleInfo {
  readonly name: ModuleName;
  readonly debianBuild: DebianBuild;
  /** The reference's wording when it says more than `debianBuild`, e.g. `builtin code in 1.4.69 (no module)`. */
  readonly debianBuildNote?: string;
  /** The Debian package holding the module file. */
  readonly debianPackage?: string;
  /** First release with the module; `1.4.1` means "1.4.1 or earlier". */
  readonly since: Version;
  readonly status: 'current' | 'removed';
  readonly removedIn?: Version;
  /** What to use instead of a removed module. */
  readonly replacement?: string;
  /** When lighttpd adds, drops or rewrites it in server.modules by itself (server.compat-module-load). */
  readonly autoLoad?: string;
  /** Where it must stand in server.modules, and what lighttpd says otherwise. */
  readonly ordering?: string;
  /** The module it needs loaded (`needs mod_auth`). */
  readonly requires?: ModuleName;
  readonly roles: readonly ModuleRole[];
  readonly note?: string;
}

const core: ModuleInfo = {
  name: 'core',
  debianBuild: 'builtin',
  since: '1.4.1',
  status: 'current',
  roles: [],
  note: 'the server itself: its keys (server.*, debug.*, ssl.engine…) never need a server.modules entry',
};

/** Every module of the newest release, `core` first, then as in modules.tsv. */
export const modules: readonly ModuleInfo[] = [core, ...moduleTable];

// lighttpd loads modules by file name, so names are compared exactly.
const byName = new Map<string, ModuleInfo>(modules.map((m) => [m.name, m]));

/** The module as release `targetVersion` knows it; `undefined` if the name is unknown or newer than the target. */
export function getModule(name: string, targetVersion: string = LATEST_VERSION): ModuleInfo | undefined {
  const found = byName.get(name);
  return found && asOf(found, targetVersion);
}

/** True when release `targetVersion` can load a module of this name (it exists there and is not removed). */
export function isKnownModule(name: string, targetVersion: string = LATEST_VERSION): boolean {
  return getModule(name, targetVersion)?.status === 'current';
}

/** True when Debian 12's lighttpd 1.4.69 has the module compiled in, so server.modules need not list it. */
export function isBuiltinInDebian(name: string): boolean {
  return getModule(name, DEBIAN_VERSION)?.debianBuild === 'builtin';
}

/** The modules of `targetVersion` that play `role`, in table order. */
export function modulesWithRole(role: ModuleRole, targetVersion: string = LATEST_VERSION): ModuleInfo[] {
  return modules.flatMap((m) => (m.roles.includes(role) && isKnownModule(m.name, targetVersion) ? [m] : []));
}

/** "Did you mean": the loadable module of `targetVersion` nearest to a misspelt `name`. */
export function suggestModule(name: string, targetVersion: string = LATEST_VERSION): string | undefined {
  const loadable = modules.filter((m) => m.name !== 'core' && isKnownModule(m.name, targetVersion)).map((m) => m.name);
  return closestName(name, loadable);
}
