import { LATEST_VERSION, type Version } from '@lhconf/parser';
import { asOf } from './as-of.js';
import { featureFlagTable } from './data/feature-flags.generated.js';
import type { ValueType } from './directives.js';

/** One key of `server.feature-flags = ( "name" => value )`. lighttpd never reports an unknown flag. */
export interface FeatureFlag {
  readonly name: string;
  readonly type: ValueType;
  /** As the reference writes it; may differ by release (`1.4.69: enable; newest: disable`). */
  readonly defaultValue: string;
  /** Whether Debian 12's lighttpd 1.4.69 knows the flag. */
  readonly inDebian1469: boolean;
  readonly since: Version;
  /** The parts of lighttpd that read it, e.g. `core, gw_backend`. */
  readonly usedBy: string;
  readonly note?: string;
}

/** Every feature flag of the newest release, as in feature-flags.tsv. */
export const featureFlags: readonly FeatureFlag[] = featureFlagTable;

const byName = new Map(featureFlags.map((f) => [f.name.toLowerCase(), f]));

/** The flag as release `targetVersion` knows it (array keys are caseless in lighttpd), or `undefined`. */
export function getFeatureFlag(name: string, targetVersion: string = LATEST_VERSION): FeatureFlag | undefined {
  const found = byName.get(name.toLowerCase());
  return found && asOf(found, targetVersion);
}

/** The flags release `targetVersion` knows, in table order. */
export function featureFlagsAt(targetVersion: string = LATEST_VERSION): FeatureFlag[] {
  return featureFlags.filter((f) => getFeatureFlag(f.name, targetVersion));
}
