import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arraySlices, JsonScanError, objectSlices, parseSlice, scanValue, skipWhitespace } from '../../main/imports/json-array-slices';
import { dec, enc } from './helpers';

function slicesOf(text: string): string[] {
  const bytes = enc(text);
  return arraySlices(bytes, 0).items.map((r) => dec(bytes.subarray(r.start, r.end)));
}

function scanError(text: string): JsonScanError {
  try {
    arraySlices(enc(text), 0);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonScanError);
    return error as JsonScanError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

/** Accepts exactly what JSON.parse accepts, as a whole document. */
function scannerAccepts(text: string): boolean {
  const bytes = enc(text);
  try {
    return skipWhitespace(bytes, scanValue(bytes, 0)) === bytes.length;
  } catch (error) {
    if (error instanceof JsonScanError) return false;
    throw error;
  }
}

function jsonParseAccepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('json-array-slices', () => {
  it('[REC-3] returns each element exactly as written, brackets and quotes inside strings included', () => {
    const text = '[ {"a" : "]}\\"[,"} ,\n  [1, [2]],"x\\u00e9",-0.5e+3 , true,null ]';
    expect(slicesOf(text)).toEqual(['{"a" : "]}\\"[,"}', '[1, [2]]', '"x\\u00e9"', '-0.5e+3', 'true', 'null']);
    expect(slicesOf('[ ]')).toEqual([]);
    expect(slicesOf('[]')).toEqual([]);
  });

  it('[REC-3] slices of any array, in any layout, parse back to its elements', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.constantFrom(undefined, 0, 2, 4, '\t'), (values, indent) => {
        const text = JSON.stringify(values, null, indent);
        const bytes = enc(text);
        const { items, end } = arraySlices(bytes, 0);
        expect(end).toBe(bytes.length);
        expect(items.map((r) => parseSlice(bytes, r))).toEqual(JSON.parse(text));
      }),
    );
  });

  it('rejects every strict prefix of a valid array (a truncated file never parses)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1 }), fc.nat(), (values, cut) => {
        const bytes = enc(JSON.stringify(values, null, 2));
        const at = cut % bytes.length;
        expect(() => arraySlices(bytes.subarray(0, at), 0)).toThrow(JsonScanError);
      }),
    );
  });

  it('accepts exactly the documents JSON.parse accepts', () => {
    const token = fc.constantFrom('[', ']', '{', '}', '"', ':', ',', ' ', '\n', '0', '1', '-', '.', 'e', '+', 'true', 'null', 'fals', '\\', 'u', 'a', '\\u00', 'é', '\t', '\u0001');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (tokens) => {
        const text = tokens.join('');
        expect(scannerAccepts(text)).toBe(jsonParseAccepts(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of ['{"a":1}', '[1,2]', '"x"', '01', '1.', '.5', '[1,]', '{"a":1,}', "['x']", '"\\x"', 'nul', '-', '1e', '"\t"']) {
      expect(scannerAccepts(text), text).toBe(jsonParseAccepts(text));
    }
  });

  it('reports the byte offset of the problem', () => {
    expect(scanError('[1, 2,]').offset).toBe(6);
    expect(scanError('[1, 2').message).toBe('unexpected end of input');
    expect(scanError('[1 2]').message).toBe("expected ',' or ']' but found '2'");
    expect(scanError('[{"a" 1}]').offset).toBe(6);
    expect(scanError('["abc').offset).toBe(5);
  });

  it('rejects invalid UTF-8 inside strings at the offending byte', () => {
    const bad = (bytes: number[]) => {
      try {
        arraySlices(new Uint8Array([0x5b, 0x22, ...bytes, 0x22, 0x5d]), 0);
      } catch (error) {
        return (error as JsonScanError).offset;
      }
      return -1;
    };
    expect(bad([0xc0, 0x80])).toBe(2); // overlong
    expect(bad([0x80])).toBe(2); // lone continuation byte
    expect(bad([0xed, 0xa0, 0x80])).toBe(3); // UTF-16 surrogate
    expect(bad([0xf4, 0x90, 0x80, 0x80])).toBe(3); // above U+10FFFF
    expect(bad([0xe2, 0x82, 0xac])).toBe(-1); // € is fine
  });

  it('survives hostile nesting without recursion', () => {
    const depth = 200_000;
    const bytes = enc(`[${'['.repeat(depth)}${']'.repeat(depth)}]`);
    expect(arraySlices(bytes, 0).items).toHaveLength(1);
  });

  it('gives object members with their keys, keeping __proto__ as plain data', () => {
    const bytes = enc('{"__proto__": {"polluted": true}, "b": [1]}');
    const { members } = objectSlices(bytes, 0);
    expect(members.map((m) => m.key)).toEqual(['__proto__', 'b']);
    const parsed = parseSlice(bytes, { start: 0, end: bytes.length }) as Record<string, unknown>;
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
