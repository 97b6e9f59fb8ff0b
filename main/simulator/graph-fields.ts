/**
 * Graph's `fields` parameter: `id,from{id,name},picture.type(large){url},comments.limit(0)`.
 * The simulator builds each object with every field it knows and then keeps only those asked for,
 * as Graph does (it returns only `id` and a few defaults otherwise).
 */

export interface FieldNode {
  name: string;
  modifiers: Record<string, string>;
  children?: FieldNode[];
}

export class FieldSyntaxError extends Error {}

export function parseFields(spec: string): FieldNode[] {
  let pos = 0;
  const parseList = (closing: string | null): FieldNode[] => {
    const out: FieldNode[] = [];
    for (;;) {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(spec.slice(pos));
      if (!m?.[1]) throw new FieldSyntaxError(`Syntax error "Expected name." at character ${pos}: ${spec}`);
      pos += m[0].length;
      const node: FieldNode = { name: m[1], modifiers: {} };
      // .limit(0).summary(true) modifiers
      for (;;) {
        const mod = /^\.([A-Za-z_]+)\(([^)]*)\)/.exec(spec.slice(pos));
        if (!mod?.[1]) break;
        node.modifiers[mod[1]] = mod[2] ?? '';
        pos += mod[0].length;
      }
      if (spec[pos] === '{') {
        pos++;
        node.children = parseList('}');
      }
      out.push(node);
      while (spec[pos] === ' ') pos++;
      if (spec[pos] === ',') {
        pos++;
        continue;
      }
      if (closing && spec[pos] === closing) {
        pos++;
        return out;
      }
      if (!closing && pos >= spec.length) return out;
      throw new FieldSyntaxError(`Syntax error "Expected end of string instead of "${spec[pos] ?? ''}"." at character ${pos}: ${spec}`);
    }
  };
  return parseList(null);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keeps the requested fields of `full`, recursing into objects and edges (`{data:[...]}`). */
export function project(full: JsonObject, fields: FieldNode[]): JsonObject {
  const out: JsonObject = {};
  for (const f of fields) {
    const v = full[f.name];
    if (v === undefined) continue; // Graph omits fields that have no value
    if (!f.children) {
      out[f.name] = v;
    } else if (isObject(v) && Array.isArray(v.data)) {
      out[f.name] = { ...v, data: v.data.map((item) => (isObject(item) ? project(item, f.children ?? []) : item)) };
    } else if (isObject(v) && isObject(v.data)) {
      out[f.name] = { ...v, data: project(v.data, f.children) }; // picture{url} nests under data
    } else if (isObject(v)) {
      out[f.name] = project(v, f.children);
    } else {
      out[f.name] = v;
    }
  }
  return out;
}

/**
 * Graph's wire format escapes "/" as "\/" and every non-ASCII character as \uXXXX. Reproducing it
 * matters: it is why the archive must keep raw bytes rather than re-serialise parsed values.
 */
export function graphJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
