// A small validator for the JSON Schema subset that zod's toJSONSchema emits for our contracts. Loading a saved
// snapshot with it avoids importing zod (~65 ms), and it stops recording problems after the first few, so a file
// with millions of bad rows costs no memory beyond the file itself. schema/*.json is generated from the zod
// schemas and a test keeps it fresh, so zod stays the one source of truth.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

export interface SchemaIssue {
  path: (string | number)[];
  message: string;
}

export interface ValidationResult {
  issues: SchemaIssue[];
  /** All problems, including those not kept in `issues`. */
  total: number;
}

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

const has = Object.prototype.hasOwnProperty;

class Validator {
  issues: SchemaIssue[] = [];
  total = 0;
  private patterns = new Map<string, RegExp>();

  constructor(
    private readonly keep: number,
    private readonly root: JsonSchema = {},
  ) {}

  private fail(path: (string | number)[], message: string) {
    this.total++;
    if (this.issues.length < this.keep) this.issues.push({ path: [...path], message });
  }

  private pattern(p: string): RegExp {
    let re = this.patterns.get(p);
    if (!re) this.patterns.set(p, (re = new RegExp(p, 'u')));
    return re;
  }

  /** Whether `v` passes, without recording anything (for anyOf branches). */
  private quiet(s: JsonSchema, v: unknown): boolean {
    const sub = new Validator(0, this.root);
    sub.patterns = this.patterns;
    sub.check(s, v, []);
    return sub.total === 0;
  }

  check(s: JsonSchema, v: unknown, path: (string | number)[]): void {
    if (s.$ref) {
      const name = s.$ref.startsWith('#/$defs/') ? s.$ref.slice(8) : undefined;
      const target = name !== undefined && this.root.$defs && has.call(this.root.$defs, name) ? this.root.$defs[name] : undefined;
      if (!target) throw new Error(`unsupported schema reference ${s.$ref}`);
      return this.check(target, v, path);
    }
    if (s.anyOf || s.oneOf) {
      const branches = (s.anyOf ?? s.oneOf)!;
      if (!branches.some((b) => this.quiet(b, v))) this.fail(path, 'does not match any allowed form');
      return;
    }
    if (s.allOf) for (const b of s.allOf) this.check(b, v, path);
    const t = typeOf(v);
    if (s.type) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      const ok = types.some((x) => x === t || (x === 'number' && t === 'integer'));
      if (!ok) {
        this.fail(path, `expected ${types.join(' or ')}, got ${t}`);
        return;
      }
    }
    if (has.call(s, 'const') && v !== s.const) return this.fail(path, `must be ${JSON.stringify(s.const)}`);
    if (s.enum && !s.enum.includes(v)) return this.fail(path, `must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    if (t === 'string') {
      const str = v as string;
      if (s.minLength !== undefined && str.length < s.minLength) this.fail(path, `must have at least ${s.minLength} characters`);
      if (s.pattern && !this.pattern(s.pattern).test(str)) this.fail(path, s.format ? `is not a valid ${s.format}` : 'has the wrong form');
    } else if (t === 'number' || t === 'integer') {
      const n = v as number;
      if (s.minimum !== undefined && n < s.minimum) this.fail(path, `must be at least ${s.minimum}`);
      if (s.maximum !== undefined && n > s.maximum) this.fail(path, `must be at most ${s.maximum}`);
    } else if (t === 'array') {
      const arr = v as unknown[];
      if (s.minItems !== undefined && arr.length < s.minItems) this.fail(path, `must have at least ${s.minItems} items`);
      if (s.items) {
        for (let i = 0; i < arr.length; i++) {
          path.push(i);
          this.check(s.items, arr[i], path);
          path.pop();
        }
      }
    } else if (t === 'object') {
      const obj = v as Record<string, unknown>;
      for (const k of s.required ?? []) if (!has.call(obj, k)) this.fail([...path, k], 'is missing');
      const props = s.properties ?? {};
      for (const k of Object.keys(obj)) {
        path.push(k);
        if (has.call(props, k)) this.check(props[k], obj[k], path);
        else if (s.additionalProperties === false) this.fail(path, 'is not a field of this table (misspelt or unknown)');
        else if (typeof s.additionalProperties === 'object') this.check(s.additionalProperties, obj[k], path);
        path.pop();
      }
    }
  }
}

/** Validates `data`; keeps the first `keep` problems and counts the rest. */
export function validateJson(schema: JsonSchema, data: unknown, keep = 5): ValidationResult {
  const v = new Validator(keep, schema);
  v.check(schema, data, []);
  return { issues: v.issues, total: v.total };
}

/** `processes[3].pth` */
export function issuePath(path: readonly (string | number)[]): string {
  return path.reduce<string>((a, k) => (typeof k === 'number' ? `${a}[${k}]` : a ? `${a}.${k}` : k), '') || '(top level)';
}
