// Checks a JSON value against a response schema of the real Sellsy OpenAPI (docs/sellsy-api/openapi.yaml, v2.264.0,
// origin in docs/sellsy-api/SOURCE.md): every field the fake emits must exist in the schema (after $ref, allOf,
// oneOf, anyOf) and enum fields must hold enum values.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Schema = Record<string, any>;
let cached: Schema | null = null;

/** Parsed once per test file: the YAML is 2 MB. */
export function openapi(): Schema {
  cached ??= parse(readFileSync(new URL('../../../docs/sellsy-api/openapi.yaml', import.meta.url), 'utf8'), {
    maxAliasCount: -1,
  }) as Schema;
  return cached;
}

function pointer(ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  let o: any = openapi();
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    o = o?.[part];
    if (o === undefined) throw new Error(`dangling $ref ${ref} at ${part}`);
  }
  return o;
}
function deref(s: Schema): Schema {
  let guard = 0;
  while (s && typeof s.$ref === 'string') {
    s = pointer(s.$ref);
    if (++guard > 50) throw new Error('$ref loop');
  }
  return s;
}

/** The response schema of an operation: 200, else 201 or 207, application/json. */
export function responseSchema(path: string, method: 'get' | 'post', status?: string): Schema {
  const op = openapi().paths?.[path]?.[method];
  if (!op) throw new Error(`no operation ${method.toUpperCase()} ${path} in the OpenAPI`);
  const responses = op.responses as Record<string, Schema>;
  const resp = deref(responses[status ?? (responses['200'] ? '200' : responses['201'] ? '201' : '207')]!);
  const content = resp.content?.['application/json'] ?? Object.values(resp.content ?? {})[0];
  if (!content?.schema) throw new Error(`no JSON schema for ${method.toUpperCase()} ${path}`);
  return content.schema;
}

/** The schemas a value could match: allOf merged into one object view, oneOf/anyOf as alternatives. */
function alternatives(s: Schema): Schema[] {
  s = deref(s);
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
    const base = { ...s };
    delete base.oneOf;
    delete base.anyOf;
    return (s.oneOf ?? s.anyOf).flatMap((b: Schema) => alternatives(Object.keys(base).length > 0 ? { allOf: [base, b] } : b));
  }
  if (Array.isArray(s.allOf)) {
    // Each allOf part may itself branch: combine the branches.
    let combos: Schema[][] = [[]];
    for (const part of s.allOf) {
      const alts = alternatives(part);
      combos = combos.flatMap((c) => alts.map((a) => [...c, a]));
    }
    const rest = { ...s };
    delete rest.allOf;
    return combos.map((parts) => merge([rest, ...parts]));
  }
  return [s];
}
function merge(parts: Schema[]): Schema {
  const out: Schema = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties') out.properties = { ...(out.properties ?? {}), ...v };
      else if (k === 'enum' && out.enum) out.enum = out.enum.filter((e: unknown) => (v as unknown[]).includes(e));
      else if (k === 'nullable') out.nullable = out.nullable || v;
      else out[k] ??= v;
    }
  }
  return out;
}

const typeOk = (value: unknown, s: Schema): boolean => {
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (value === null) return s.nullable === true || types.includes('null') || (s.enum?.includes(null) ?? false);
  if (types.length === 0) return true;
  return types.some((t) => {
    if (t === 'integer') return Number.isInteger(value);
    if (t === 'number') return typeof value === 'number';
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return typeof value === 'object' && !Array.isArray(value);
    return typeof value === t;
  });
};

/** Every problem found, as "path: message"; empty when the value fits the schema. */
export function check(value: unknown, schema: Schema, at = '$'): string[] {
  const alts = alternatives(schema);
  let best: string[] | null = null;
  for (const s of alts) {
    const errs = checkOne(value, s, at);
    if (errs.length === 0) return [];
    if (!best || errs.length < best.length) best = errs;
  }
  return best ?? [];
}

function checkOne(value: unknown, s: Schema, at: string): string[] {
  if (!typeOk(value, s))
    return [`${at}: ${JSON.stringify(value)?.slice(0, 60)} is not ${JSON.stringify(s.type)}${s.nullable ? '' : ' (not nullable)'}`];
  if (value === null) return [];
  if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`];
  if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => check(v, s.items, `${at}[${i}]`)) : [];
  if (typeof value === 'object') {
    const props: Schema | undefined = s.properties;
    const extra = s.additionalProperties;
    if (!props) {
      if (extra && typeof extra === 'object') return Object.entries(value as Schema).flatMap(([k, v]) => check(v, extra, `${at}.${k}`));
      return []; // a free-form object
    }
    const errs: string[] = [];
    for (const [k, v] of Object.entries(value as Schema)) {
      if (k in props) errs.push(...check(v, props[k], `${at}.${k}`));
      else if (extra && typeof extra === 'object') errs.push(...check(v, extra, `${at}.${k}`));
      else if (extra !== true) errs.push(`${at}.${k}: field not in the schema`);
    }
    return errs;
  }
  return [];
}
