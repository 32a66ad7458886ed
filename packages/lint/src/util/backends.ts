import type { ArrayElement, ArrayLiteral, Assignment } from '@lhconf/parser';
import { getDirective, type BackendName } from '../catalog/index.js';
import { constantValue } from './ast.js';
import { elementKey } from './value.js';

/** One backend host block: `fastcgi.server = ( "<extension>" => ( "<label>" => ( <options> ) ) )`. */
export interface BackendHost {
  backend: BackendName;
  /** The `<backend>.server` assignment. */
  directive: Assignment;
  /** The extension or `/prefix` the hosts serve ("" for everything). */
  extension: string;
  /** The host's label; "" when the host array has no key (accepted by lighttpd). */
  label: string;
  /** `"<label>" => ( … )` or the unkeyed `( … )`. */
  element: ArrayElement;
  /** The host's options. */
  options: ArrayLiteral;
}

/** An entry of an extension's list that is not a host block: lighttpd "unexpected value for gw.server near [<key>]". */
export interface MalformedHost {
  backend: BackendName;
  directive: Assignment;
  extension: string;
  /** The extension's list, where host blocks belong. */
  list: ArrayLiteral;
  element: ArrayElement;
  /** The key lighttpd names in its message (the entry's key, or "" when there is none). */
  near: string;
}

/**
 * The host blocks of a `<backend>.server` assignment written as literals, and the entries that are not host
 * blocks (gw_backend.c gw_set_defaults_backend: each element of an extension's list must be a list whose
 * elements all have keys). Extensions and hosts built from variables are skipped.
 */
export function backendHosts(node: Assignment, target: string): BackendHosts {
  const backend = getDirective(node.key.name, target)?.backend;
  if (!backend || node.value.type !== 'ArrayLiteral') return noHosts;
  // Eight rules ask for the hosts of each backend assignment: the answer is remembered per node (and release).
  const known = hostsByNode.get(node);
  if (known?.target === target) return known.hosts;
  const hosts = findBackendHosts(node, node.value, backend);
  hostsByNode.set(node, { target, hosts });
  return hosts;
}

/** The host blocks and malformed entries of one backend assignment; shared by every caller, so read-only. */
export interface BackendHosts {
  readonly hosts: readonly BackendHost[];
  readonly malformed: readonly MalformedHost[];
}

const hostsByNode = new WeakMap<Assignment, { target: string; hosts: BackendHosts }>();
const noHosts: BackendHosts = { hosts: [], malformed: [] };

function findBackendHosts(node: Assignment, value: ArrayLiteral, backend: BackendName): BackendHosts {
  const hosts: BackendHost[] = [];
  const malformed: MalformedHost[] = [];
  for (const ext of value.elements) {
    const extension = elementKey(ext);
    // An extension without key or list is a type error (no-invalid-value-type).
    if (extension === undefined || ext.value.type !== 'ArrayLiteral') continue;
    for (const element of ext.value.elements) {
      const label = element.key ? elementKey(element) : '';
      if (label === undefined) continue;
      const options = element.value;
      if (options.type === 'ArrayLiteral' && options.elements.every((o) => o.key)) {
        hosts.push({ backend, directive: node, extension, label, element, options });
      } else if (options.type === 'ArrayLiteral' || options.type === 'StringLiteral' || options.type === 'IntegerLiteral') {
        malformed.push({ backend, directive: node, extension, list: ext.value, element, near: label });
      }
    }
  }
  return { hosts, malformed };
}

/** A host's options by lower-cased name (lighttpd compares array keys caselessly); the first of repeated names. */
export function hostOptions(host: BackendHost): ReadonlyMap<string, ArrayElement> {
  // Five rules read the options of each host; a host object is shared (backendHosts), so is its map.
  const known = optionsByHost.get(host);
  if (known) return known;
  const out = new Map<string, ArrayElement>();
  optionsByHost.set(host, out);
  for (const option of host.options.elements) {
    const name = elementKey(option);
    if (name !== undefined && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), option);
  }
  return out;
}

const optionsByHost = new WeakMap<BackendHost, ReadonlyMap<string, ArrayElement>>();

/** Whether lighttpd starts this backend itself: a "bin-path" that is not blank (gw_backend.c tests buffer_is_blank). */
export function spawnsItself(options: ReadonlyMap<string, ArrayElement>): boolean {
  const binPath = options.get('bin-path');
  return binPath !== undefined && constantValue(binPath.value) !== '';
}
