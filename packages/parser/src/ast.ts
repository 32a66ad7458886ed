import type { SourceRange } from './source.js';

/**
 * The lhconf AST. Every node has a `type` (the union is discriminated by it) and a `range`.
 * `parent` is set by `toAst` but is not enumerable, so `JSON.stringify` prints a tree.
 * The JSON shape is versioned by {@link AST_VERSION}; bump it when a field changes meaning.
 */
export const AST_VERSION = 1;

export interface NodeBase {
  range: SourceRange;
  /** The enclosing node; not enumerable (JSON output stays a tree). Undefined on a Document. */
  readonly parent?: Node;
  /** Comments on their own line(s) right before this node. */
  leadingComments?: Comment[];
  /** A comment after this node on the same line as its end. */
  trailingComments?: Comment[];
}

/** `# text` — `text` excludes the `#`, keeps everything else byte for byte. */
export interface Comment {
  type: 'Comment';
  text: string;
  range: SourceRange;
}

export interface Document extends NodeBase {
  type: 'Document';
  file: string;
  body: Statement[];
  /** Every comment in the file, in source order (also attached to nodes as trivia). */
  comments: Comment[];
  /** Comments that belong to no statement (e.g. a file of only comments). */
  danglingComments?: Comment[];
  /** The decoded source text (BOM removed); ranges index into it. */
  text: string;
  /** Facts about the raw bytes, for the formatter and `--write`. */
  bom: boolean;
  lineEnding: '\n' | '\r\n';
  /** `latin1` when the bytes were not valid UTF-8: decoding byte-per-char keeps every byte for a round trip. */
  encoding: 'utf8' | 'latin1';
}

export type Statement = Assignment | Conditional | GlobalBlock | Include | IncludeShell;

/** Nodes whose `body` holds statements: where an assignment lands. */
export type BlockNode = Document | Branch | GlobalBlock;

// server.port = 80   |   var.x := "a"   |   server.modules += ("mod_auth")
export interface Assignment extends NodeBase {
  type: 'Assignment';
  key: Identifier;
  operator: Operator<AssignOperator>;
  value: Expression;
}

export type AssignOperator = '=' | ':=' | '+=';
export type MatchOperator = '==' | '!=' | '=~' | '!~' | '=^' | '=$';

export interface Operator<T extends string = string> extends NodeBase {
  type: 'Operator';
  value: T;
}

/** A key as written (`server.PORT`, `myvar`). lighttpd compares keys ASCII case-insensitively. */
export interface Identifier extends NodeBase {
  type: 'Identifier';
  name: string;
}

export type Expression = StringLiteral | IntegerLiteral | ArrayLiteral | Reference | Concatenation;

// "text with \" escape"
export interface StringLiteral extends NodeBase {
  type: 'StringLiteral';
  /** As written, quotes included. */
  raw: string;
  /** Decoded: `\"` becomes `"`; every other backslash is kept (lighttpd's only escape). */
  value: string;
}

// 8080
export interface IntegerLiteral extends NodeBase {
  type: 'IntegerLiteral';
  raw: string;
  /** Decimal value; may exceed 32 bits (lighttpd then fails with "error parsing number"). */
  value: number;
}

// var.basedir   |   env.HOME   |   server.port   |   basedir (= var.basedir)
export interface Reference extends NodeBase {
  type: 'Reference';
  name: string;
}

// "a" + var.x + 1   — two or more operands, evaluated left to right, none of them a Concatenation
export interface Concatenation extends NodeBase {
  type: 'Concatenation';
  operands: Expression[];
}

// ( "a", "k" => "v", )
export interface ArrayLiteral extends NodeBase {
  type: 'ArrayLiteral';
  elements: ArrayElement[];
  trailingComma: boolean;
  /** Comments inside an array with no element to attach to. */
  danglingComments?: Comment[];
}

// "k" => "v"   |   "v"
export interface ArrayElement extends NodeBase {
  type: 'ArrayElement';
  key: Expression | null;
  value: Expression;
}

export type ConditionObject = string; // 'HTTP' | 'REQUEST_HEADER' | 'SERVER' | unknown names (lighttpd: error comp_key)

// $HTTP["host"] == "example.org"
export interface Condition extends NodeBase {
  type: 'Condition';
  /** The name after `$`, e.g. `HTTP`. */
  object: Identifier;
  field: Expression;
  operator: Operator<MatchOperator>;
  value: Expression;
}

/** A word that opens a branch: `if`, `else`, `elif`, `elsif`, `elseif`. `else if` is two keywords. */
export interface Keyword extends NodeBase {
  type: 'Keyword';
  value: 'if' | 'else' | 'elif' | 'elsif' | 'elseif';
}

// $HTTP["host"] == "a" { … }   |   else $HTTP["host"] == "b" { … }   |   else { … }
export interface Branch extends NodeBase {
  type: 'Branch';
  keywords: Keyword[];
  /** null for a catch-all `else { }`. */
  condition: Condition | null;
  body: Statement[];
  /** Comments inside `{ }` with no statement to attach to. */
  danglingComments?: Comment[];
  /** Ranges of `{` and `}`. */
  open: SourceRange;
  close: SourceRange;
}

/** A condition with its else/else-if branches, in order; branches[0] has a condition. */
export interface Conditional extends NodeBase {
  type: 'Conditional';
  branches: Branch[];
}

// global { … }
export interface GlobalBlock extends NodeBase {
  type: 'GlobalBlock';
  keyword: SourceRange;
  body: Statement[];
  danglingComments?: Comment[];
  open: SourceRange;
  close: SourceRange;
}

// include "conf.d/*.conf"
export interface Include extends NodeBase {
  type: 'Include';
  argument: Expression;
}

// include_shell "/usr/share/lighttpd/create-mime.conf.pl"
export interface IncludeShell extends NodeBase {
  type: 'IncludeShell';
  argument: Expression;
}

export type Node =
  | Document
  | Assignment
  | Operator
  | Identifier
  | StringLiteral
  | IntegerLiteral
  | Reference
  | Concatenation
  | ArrayLiteral
  | ArrayElement
  | Condition
  | Keyword
  | Branch
  | Conditional
  | GlobalBlock
  | Include
  | IncludeShell;

export type NodeType = Node['type'];
export type NodeOfType<T extends NodeType> = Extract<Node, { type: T }>;

/** The child nodes of each node type, in source order. One table, used by the walker and the visitor. */
export const childKeys = {
  Document: ['body'],
  Assignment: ['key', 'operator', 'value'],
  Operator: [],
  Identifier: [],
  StringLiteral: [],
  IntegerLiteral: [],
  Reference: [],
  Concatenation: ['operands'],
  ArrayLiteral: ['elements'],
  ArrayElement: ['key', 'value'],
  Condition: ['object', 'field', 'operator', 'value'],
  Keyword: [],
  Branch: ['keywords', 'condition', 'body'],
  Conditional: ['branches'],
  GlobalBlock: ['body'],
  Include: ['argument'],
  IncludeShell: ['argument'],
} as const satisfies { [T in NodeType]: readonly (keyof NodeOfType<T>)[] };

/** Calls `fn` for each direct child of a node, in source order, without building an array. */
export function forEachChild(node: Node, fn: (child: Node) => void): void {
  for (const key of childKeys[node.type] as readonly string[]) {
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) for (const child of v as Node[]) fn(child); // no spread: a body may hold 100,000s of nodes
    else if (v && typeof v === 'object') fn(v as Node);
  }
}

/** The direct children of a node, in source order. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  forEachChild(node, (child) => out.push(child));
  return out;
}

/** The parent of a node (set by `toAst`), or undefined for a Document. */
export function parentOf(node: Node): Node | undefined {
  return node.type === 'Document' ? undefined : node.parent;
}

/** Records parents for a whole tree; called by `toAst`, and by anyone building AST nodes by hand. */
export function linkParents(root: Node): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    forEachChild(node, (child) => {
      Object.defineProperty(child, 'parent', { value: node, enumerable: false, writable: true, configurable: true });
      stack.push(child);
    });
  }
}

/** The block a statement belongs to. */
export function blockOf(node: Statement): BlockNode {
  let p = parentOf(node);
  while (p && p.type !== 'Document' && p.type !== 'Branch' && p.type !== 'GlobalBlock') p = parentOf(p);
  return p as BlockNode;
}

/**
 * Visits every node depth-first in source order; return false from `enter` to skip a subtree (and its
 * `leave`). Iterative: deep trees do not overflow the stack. Linters call it for every node of 100,000s, so
 * it keeps two parallel stacks and reads children in place: no object per visit, no array per node.
 */
export function walk(root: Node, enter: (node: Node) => boolean | void, leave?: (node: Node) => void): void {
  const nodes: Node[] = [root];
  const exiting: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    if (exiting.pop()) {
      leave!(node);
      continue;
    }
    if (enter(node) === false) continue;
    if (leave) {
      nodes.push(node);
      exiting.push(true);
    }
    const keys = childKeys[node.type] as readonly string[];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, Node | Node[] | null | undefined>)[keys[k]!];
      if (!value) continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          nodes.push(value[i]!);
          exiting.push(false);
        }
      } else {
        nodes.push(value);
        exiting.push(false);
      }
    }
  }
}
