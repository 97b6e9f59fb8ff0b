import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSliceError, jsonDataSlices, sliceTopLevelArray, sliceTopLevelValue, wholeJson } from '../../main/platforms/json-slices';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);

interface Style {
  slash: boolean;
  ascii: boolean;
  ws: () => string;
}

/** Serialises like a platform might: optional \/ and \uXXXX escapes, arbitrary whitespace. */
function ser(v: unknown, st: Style): string {
  if (typeof v === 'string') {
    let s = JSON.stringify(v);
    if (st.slash) s = s.replace(/\//g, '\\/');
    if (st.ascii) s = s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return s;
  }
  if (Array.isArray(v)) return `[${st.ws()}${v.map((x) => ser(x, st)).join(`${st.ws()},${st.ws()}`)}${st.ws()}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => `${ser(k, st)}${st.ws()}:${st.ws()}${ser(x, st)}`);
    return `{${st.ws()}${entries.join(`${st.ws()},${st.ws()}`)}${st.ws()}}`;
  }
  return JSON.stringify(v);
}

function styleFrom(seed: number, slash: boolean, ascii: boolean): Style {
  let a = seed >>> 0;
  const pool = ['', '', ' ', '\n', '\t', '\r\n  '];
  return { slash, ascii, ws: () => pool[(a = (a * 1103515245 + 12345) >>> 0) % pool.length] ?? '' };
}

/**
 * The bytes between slices must be exactly `[`, commas and whitespace, `]`: then nothing was lost
 * or added. Used on bodies whose first key is the array, so the first match is the right one.
 */
function expectContiguous(body: Uint8Array, key: string, slices: Array<{ raw: Uint8Array }>): void {
  let cursor = findBytes(body, enc(`"${key}"`), 0);
  expect(cursor).toBeGreaterThanOrEqual(0);
  const offsets = slices.map((s) => {
    const at = findBytes(body, s.raw, cursor);
    expect(at).toBeGreaterThanOrEqual(0);
    cursor = at + s.raw.length;
    return [at, cursor] as const;
  });
  offsets.forEach(([start], i) => {
    const prevEnd = i === 0 ? findBytes(body, enc(`"${key}"`), 0) + key.length + 2 : offsets[i - 1]![1];
    const gap = dec(body.subarray(prevEnd, start)).replace(/\s/g, '');
    expect(gap).toBe(i === 0 ? ':[' : ',');
  });
  if (offsets.length) expect(dec(body.subarray(offsets[offsets.length - 1]![1])).trimStart().startsWith(']')).toBe(true);
}

function findBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('json-slices', () => {
  it('[REC-3] returns the exact bytes of every data element, whatever the escapes and whitespace (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.jsonValue(), fc.integer(), fc.boolean(), fc.boolean(), fc.boolean(), (data, other, seed, slash, ascii, dataFirst) => {
        const st = styleFrom(seed, slash, ascii);
        const items = data.map((d) => ser(d, st));
        const dataPart = `"data"${st.ws()}:${st.ws()}[${st.ws()}${items.join(`${st.ws()},${st.ws()}`)}${st.ws()}]`;
        const otherPart = `"paging"${st.ws()}:${st.ws()}${ser({ data: other, note: 'x"data":[1]' }, st)}`;
        const doc = `${st.ws()}{${st.ws()}${dataFirst ? `${dataPart},${otherPart}` : `${otherPart},${dataPart}`}${st.ws()}}${st.ws()}`;
        const slices = jsonDataSlices(enc(doc));
        const parsed = JSON.parse(doc) as { data: unknown[] };
        expect(slices.map((s) => dec(s.raw))).toEqual(items);
        expect(slices.map((s) => s.value)).toEqual(parsed.data);
      }),
      { numRuns: 300 },
    );
  });

  it('[REC-3] agrees with JSON.parse on arbitrary JSON re-serialised with random whitespace (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }), fc.array(fc.jsonValue(), { maxLength: 6 }), fc.integer(), (extra, data, seed) => {
        const doc = ser({ ...extra, data }, styleFrom(seed, false, true));
        const body = enc(doc);
        const parsed = JSON.parse(doc) as { data: unknown[] };
        const slices = jsonDataSlices(body);
        expect(slices.map((s) => JSON.parse(dec(s.raw)) as unknown)).toEqual(parsed.data);
        expect(slices.map((s) => s.value)).toEqual(parsed.data);
      }),
      { numRuns: 300 },
    );
  });

  it('handles strings full of quotes, backslashes and brackets', () => {
    const tricky = ['a\\"b', 'end\\\\', '[{]}', '"data":[1,2]', '\u2028 😕 é', ''];
    const doc = `{"data":[${tricky.map((t) => JSON.stringify(t)).join(',')}]}`;
    expect(jsonDataSlices(enc(doc)).map((s) => s.value)).toEqual(tricky);
  });

  it('takes the last of repeated keys and decodes escaped key names, like JSON.parse', () => {
    const doc = '{"data":[1],"d\\u0061ta":[2,3]}';
    expect(jsonDataSlices(enc(doc)).map((s) => s.value)).toEqual((JSON.parse(doc) as { data: unknown[] }).data);
  });

  it('treats an absent data key as an empty page (X omits it) and a BOM as transport', () => {
    expect(jsonDataSlices(enc('{"meta":{"result_count":0}}'))).toEqual([]);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"data":[{"id":"1"}]}')]);
    expect(dec(jsonDataSlices(withBom)[0]!.raw)).toBe('{"id":"1"}');
  });

  it('rejects broken JSON, invalid UTF-8, a non-object top level and a non-array data', () => {
    expect(() => jsonDataSlices(enc('{"data":[{"id":"1"},'))).toThrow(JsonSliceError);
    expect(() => jsonDataSlices(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toThrow(/UTF-8/);
    expect(() => jsonDataSlices(enc('[1,2]'))).toThrow(/not a JSON object/);
    expect(() => jsonDataSlices(enc('{"data":{"id":"1"}}'))).toThrow(/not an array/);
  });

  it('slices a top-level object value and a whole body without trailing newline', () => {
    const body = enc('{"data" : {"id":"9","text":"caf\\u00e9 \\/"} ,"errors":[]}\n');
    expect(dec(sliceTopLevelValue(body, 'data')!.raw)).toBe('{"id":"9","text":"caf\\u00e9 \\/"}');
    expect(dec(wholeJson(enc(' {"a":1}\n')).raw)).toBe('{"a":1}');
  });

  it('[REC-3] is byte-exact on real recorded Graph and X pages', () => {
    const files = [
      'fb-graph-python-facebook/posts/feeds_default_fields_p1.json',
      'fb-graph-python-facebook/posts/feeds_default_fields_p2.json',
      'fb-graph-python-facebook/comments/comments_p1.json',
      'x-apiv2-python-twitter/timeline/timeline_tweets.json',
      'x-apiv2-python-twitter/searches/search_tweets_query.json',
      'x-apiv2-python-twitter/tweet/tweet_quote_tweets_resp.json',
    ];
    const brexit = readFileSync(new URL('x-apiv2-twarc-csv/brexit.jsonl', FIXTURES), 'utf8').split('\n')[0] ?? '';
    const bodies = [...files.map((f) => new Uint8Array(readFileSync(new URL(f, FIXTURES)))), enc(brexit)];
    for (const body of bodies) {
      const parsed = JSON.parse(dec(body)) as { data: unknown[] };
      const slices = sliceTopLevelArray(body, 'data') ?? [];
      expect(slices.length).toBe(parsed.data.length);
      expect(slices.map((s) => s.value)).toEqual(parsed.data);
      expectContiguous(body, 'data', slices);
    }
  });
});
