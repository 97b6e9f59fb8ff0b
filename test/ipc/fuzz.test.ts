import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceName } from '../../main/credentials/store';
import { dispatch } from '../../main/ipc/dispatch';
import type { Services } from '../../main/ipc/handlers';
import type { ErrorCode } from '../../main/shared/errors';
import type { Workspace } from '../../main/workspace/workspace';
import { CHANNELS, contract, type Channel } from '../../preload/contract';
import { demoWorkspace } from '../helpers/workspace';

/**
 * Every IPC channel, fed random and malformed input (issue 5, "Hardened shell"): the answer is
 * always a typed Result, never an exception; a refused request leaves the database and the
 * keychain exactly as they were; nothing reaches Object.prototype. Runs under the real keychain
 * (scripts/with-keyring.mjs). FUZZ_SEED and FUZZ_RUNS override the seed and the runs per channel.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 5716);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** A bound on a busy machine: a channel stops early (and says so in the summary) rather than time out. */
const TIME_PER_CHANNEL_MS = 10_000;

const ERROR_CODES = [
  'invalid_input', 'forbidden', 'not_found', 'conflict', 'no_actor', 'keychain_unavailable', 'locked', 'platform', 'internal',
] as const satisfies readonly ErrorCode[];
// A new ErrorCode must be added above, or this line stops compiling.
const allCodesListed: [Exclude<ErrorCode, (typeof ERROR_CODES)[number]>] extends [never] ? true : never = true;

/** Channels whose valid-looking input costs real time (scrypt, zxcvbn, PDF, keychain writes). */
const SLOW: Partial<Record<Channel, number>> = {
  'vault.password.set': 15, 'vault.network.set': 15, 'vault.password.strength': 25, 'moderation.report': 30, 'lock.setPassphrase': 25,
};


/** One valid input per channel, on the demo workspace; the near-valid inputs are mutations of it. */
const EXAMPLES: Partial<Record<Channel, unknown>> = {
  'session.choose': { personId: 2 },
  'session.setup': { name: 'Lee Grant', email: 'lgrant@example.org', role: 'employee' },
  'registry.people.create': { name: 'Ada Fuzz', role: 'employee', email: 'ada@example.org', departmentId: 1, maySubmit: true },
  'registry.people.update': { id: 2, patch: { name: 'Renamed Person', maySubmit: false } },
  'registry.sites.get': { id: 1 },
  'registry.sites.create': { platform: 'youtube', handle: 'kalispelltv', name: 'Kalispell TV', url: 'https://www.youtube.com/@kalispell', purpose: 'Council meetings' },
  'registry.sites.update': { id: 1, patch: { name: 'City of Kalispell', twofaEnabled: true, policyUrl: 'https://www.kalispell.com/policy' } },
  'registry.sites.setStatus': { id: 2, status: 'suspended', note: 'Checking the account.' },
  'registry.approvals.record': {
    subject: 'site', subjectId: 1, approverId: 2, approvedOn: '2026-05-01',
    evidence: { fileName: 'memo.txt', mediaType: 'text/plain', dataBase64: 'aGVsbG8=' }, note: 'Approved.',
  },
  'registry.evidence.get': { id: 1 },
  'registry.admins.request': { siteId: 2, personId: 3, action: 'add', reason: 'IT Director as admin (REG-6).' },
  'registry.admins.cancel': { changeId: 1 },
  'registry.terms.record': { siteId: 1, reviewedOn: '2026-05-01', reviewerId: 1, outcome: 'acceptable', note: 'Fine.' },
  'violations.report': { siteId: 1, summary: 'Spam comments', details: 'Many at once.' },
  'violations.step': { reportId: 1, step: 'Reported to the platform.', close: false },
  'audit.list': { entity: 'site', limit: 10 },
  'archive.search': { query: 'budget', kind: 'comment', from: '2026-01-01', to: '2026-06-01', limit: 10 },
  'archive.record': { siteId: 1, platform: 'facebook', externalId: '123_456' },
  'archive.media': { sha256: 'a'.repeat(64) },
  'capture.start': { siteId: 1 },
  'capture.runs': { siteId: 1, limit: 5 },
  'capture.setConnection': { siteId: 1, baseUrl: 'http://127.0.0.1:9', accountId: 'kalispell', captureMinutes: 0 },
  'inbox.list': { state: 'open', limit: 10 },
  'inbox.counts': { siteId: 1 },
  'inbox.item': { id: 1 },
  'inbox.act': { inboxId: 1, action: 'hide', labels: ['profane_threat_harass'], note: 'Clause 3.' },
  'inbox.undo': { inboxId: 1 },
  'inbox.flag': { inboxId: 1, reason: 'Looks like a threat.' },
  'inbox.consult': { inboxId: 1, personId: 3, question: 'May we hide this?' },
  'inbox.answer': { consultId: 1, answer: 'Yes.' },
  'moderation.report': { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z', format: 'json', sampleSize: 5 },
  'lock.unlock': { passphrase: 'correct horse battery' },
  'lock.setPassphrase': { next: 'correct horse battery' },
  'lock.setIdle': { minutes: 5 },
  'monitor.alerts': { siteId: 1, limit: 5 },
  'monitor.clear': { alertId: 1, note: 'Checked with the IT Director.' },
  'monitor.recordManualPost': { siteId: 1, externalId: '123_456', note: 'Posted by hand at the council meeting.' },
  'monitor.email': { alertId: 1 },
  'vault.login.set': { siteId: 1, login: 'kalispell-comms' },
  'vault.password.strength': { password: 'Tr0ub4dor&3', login: 'kalispell-comms' },
  'vault.password.set': { siteId: 1, password: 'plum-Harbor-57-quietly', login: 'kalispell-comms' },
  'vault.password.delete': { siteId: 1 },
  'vault.password.reveal': { siteId: 1, purpose: 'show' },
  'vault.totp.set': { siteId: 1, source: { kind: 'key', key: 'JBSWY3DPEHPK3PXP', digits: 6, period: 30 } },
  'vault.totp.delete': { siteId: 1 },
  'vault.totp.code': { siteId: 1 },
  'vault.network.set': { password: 'city-network-Passw0rd' },
  'vault.token.set': { siteId: 1, name: 'graph-api', token: 'EAAB-token' },
  'vault.token.delete': { siteId: 1, name: 'graph-api' },
  'vault.token.reveal': { siteId: 1, name: 'graph-api', purpose: 'copy' },
};

// ---------------------------------------------------------------- hostile values

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\u0000\u0001\u001f', '\ud800', '\udfff\ud800', '\u202eevil', 'e\u0301\u0301\u0301', '\ufeff', '\r\n\r\n',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"; DROP TABLE sites; --', "' OR 1=1 --", '%s%s%n', '${7*7}', '{{constructor.constructor("return process")()}}',
  '../../../../etc/passwd', '..\\..\\windows\\win.ini', 'file:///etc/passwd', 'javascript:alert(1)', 'app://civicdesk/../../etc', 'otpauth://totp/x?secret=',
  '__proto__', 'constructor', 'prototype', 'NaN', 'Infinity', '-1', '1e309', '0x10', 'null', 'undefined', 'true', '[]', '{}', '2026-02-30', '9999-99-99',
  'A'.repeat(64), 'a'.repeat(65), '=', '====', 'AAAA====',
];
const POLLUTERS = [
  '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"__proto__":{"isAdmin":true},"id":1}',
  '{"id":1,"__proto__":{"toString":"boom"}}', '{"prototype":{"polluted":"yes"}}', '[{"__proto__":{"polluted":"yes"}}]',
].map((json) => JSON.parse(json) as unknown);
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'id', 'siteId', 'personId', 'actor', 'role', 'owner', 'then', ''];

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hugeString = fc.tuple(fc.integer({ min: 10_000, max: 300_000 }), fc.constantFrom('A', '<', '\u0000', '\u00e9', '\ud83d\ude00'))
  .map(([n, c]) => c.repeat(n));
const edgeNumber = fc.constantFrom(0, -0, -1, 0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, 1e308, -1e308);
const deepNesting = fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, asArray]) => {
  let v: unknown = { id: 1 };
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { id: v, patch: v };
  return v;
});
const anything = fc.anything({
  maxDepth: 3, maxKeys: 6, key: fc.oneof(fc.string(), fc.constantFrom(...KEYS)),
  withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
  withObjectString: true, withTypedArray: true, withSparseArray: true,
});
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: anything, weight: 4 },
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: edgeNumber, weight: 2 },
  { arbitrary: fc.constantFrom(...POLLUTERS), weight: 2 },
  { arbitrary: fc.object({ key: fc.constantFrom(...KEYS), maxDepth: 2 }), weight: 2 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: hugeString, weight: 1 },
);

/** Every place in a value that a mutation can hit: the root, each key, each nested key. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  const out = [prefix];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

/** An own property, even for "__proto__", as JSON.parse and a structured clone would make it. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation = { at: number; kind: 'replace' | 'tweak' | 'delete' | 'extra' | 'wrap' | 'stringify'; junk: unknown; key: string; int: number; str: string };

/** A value of the same type, so the input often still passes the schema and reaches the handler. */
function tweak(value: unknown, m: Mutation): unknown {
  if (typeof value === 'number') return m.int;
  if (typeof value === 'string') return m.str;
  if (typeof value === 'boolean') return !value;
  return m.junk;
}

function mutate(example: unknown, m: Mutation): unknown {
  const all = paths(example);
  const path = all[m.at % all.length] ?? [];
  if (m.kind === 'wrap') return [example];
  if (m.kind === 'stringify') return JSON.stringify(example);
  if (path.length === 0) {
    if (m.kind !== 'extra' || !example || typeof example !== 'object') return m.junk;
  }
  const copy = structuredClone(example) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (m.kind === 'extra') {
    const target = last === undefined ? parent : parent[last];
    if (target && typeof target === 'object') put(target as Record<string, unknown>, m.key, m.junk);
    else if (last !== undefined) put(parent, last, m.junk);
  } else if (m.kind === 'delete' && last !== undefined) {
    delete parent[last];
  } else if (m.kind === 'tweak' && last !== undefined) {
    put(parent, last, tweak(parent[last], m));
  } else if (last !== undefined) {
    put(parent, last, m.junk);
  }
  return copy;
}

function nearValid(example: unknown): fc.Arbitrary<unknown> {
  return fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('tweak', 'tweak', 'tweak', 'replace', 'replace', 'delete', 'extra', 'extra', 'wrap', 'stringify'),
    junk,
    key: fc.oneof(fc.constantFrom(...KEYS), fc.string()),
    // Ids near the demo's own (most rows have ids 1..10) and a few that cannot exist.
    int: fc.oneof(fc.integer({ min: 1, max: 12 }), edgeNumber, fc.integer({ min: 13, max: 2 ** 31 })),
    str: fc.oneof({ arbitrary: hostileString, weight: 4 }, { arbitrary: fc.string({ maxLength: 40 }), weight: 2 }, { arbitrary: hugeString, weight: 1 }),
  }).map((m) => mutate(example, m as Mutation));
}

function inputsFor(channel: Channel): fc.Arbitrary<unknown> {
  const example = EXAMPLES[channel];
  return fc.oneof(
    { arbitrary: junk, weight: 4 },
    { arbitrary: fc.constantFrom(undefined, null, {}, [], 0, '', false), weight: 1 },
    { arbitrary: nearValid(example ?? {}), weight: example === undefined ? 2 : 6 },
    ...(example === undefined ? [] : [{ arbitrary: fc.constant(example), weight: 1 }]),
  );
}

// ---------------------------------------------------------------- what must not change

const keytar = (() => {
  try {
    return createRequire(import.meta.url)('keytar') as {
      findCredentials(service: string): Promise<{ account: string; password: string }[]>;
      deletePassword(service: string, account: string): Promise<boolean>;
    };
  } catch {
    return null;
  }
})();

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Every row of every table (FTS shadow tables included), as one digest per table. */
function databaseState(ws: Workspace): Record<string, string> {
  const tables = ws.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = ws.db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().all() as unknown[][];
    const text = JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'bigint' ? v.toString() : v));
    out[name] = `${rows.length}:${sha(text)}`;
  }
  return out;
}

/** The workspace's keychain entries, by account, with a digest of each secret (never the secret). */
async function keychainState(ws: Workspace): Promise<Record<string, string>> {
  if (!keytar) return { keychain: 'unavailable' };
  const entries = await keytar.findCredentials(serviceName(ws.id)).catch(() => [{ account: '(keychain did not answer)', password: '' }]);
  return Object.fromEntries(entries.map((e) => [e.account, sha(e.password)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

function prototypesState(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(',')).join('|');
}
const PROTOTYPES = prototypesState();

function checkAnswer(answer: unknown): void {
  expect(answer).toBeTypeOf('object');
  const a = answer as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (a.ok === true) {
    expect(Object.keys(a).sort()).toEqual(['ok', 'value']);
  } else {
    expect(a.ok).toBe(false);
    expect(Object.keys(a).sort()).toEqual(['error', 'ok']);
    // Only a code and a message cross to the renderer: no stack, no cause, no SQL.
    expect(Object.keys(a.error ?? {}).sort()).toEqual(['code', 'message']);
    expect(ERROR_CODES).toContain(a.error?.code);
    expect(typeof a.error?.message === 'string' && a.error.message.trim().length > 0, 'a non-empty message').toBe(true);
  }
  // The answer crosses IPC by structured clone: it must survive one.
  expect(() => structuredClone(answer)).not.toThrow();
}

function checkPrototypes(): void {
  expect(prototypesState()).toBe(PROTOTYPES);
  const probe: Record<string, unknown> = {};
  expect([probe.polluted, probe.isAdmin]).toEqual([undefined, undefined]);
  expect(String(probe)).toBe('[object Object]');
}

// ---------------------------------------------------------------- the runs

const tally = { channels: 0, runs: 0, failed: 0, ok: 0, codes: new Map<string, number>(), interrupted: [] as string[] };

async function fuzzChannel(channel: Channel, runs: number): Promise<void> {
  const t = demoWorkspace();
  // No capture coordinator and no lock: nothing reaches the network and the app is unlocked.
  const services: Services = { workspace: t.ws, now: () => t.now };
  try {
    // The state before a run is the state after the last refused one (which must not have changed
    // it), so it is read again only after a request that succeeded.
    let known: { db: Record<string, string>; keys: Record<string, string> } | null = null;
    const details = await fc.check(fc.asyncProperty(inputsFor(channel), async (input) => {
      const { db, keys } = known ?? { db: databaseState(t.ws), keys: await keychainState(t.ws) };
      known = null;
      let answer: unknown;
      try {
        answer = await dispatch(services, channel, input);
      } catch (err) {
        throw new Error(`dispatch threw instead of answering: ${err instanceof Error ? err.stack : String(err)}`);
      }
      checkAnswer(answer);
      checkPrototypes();
      const result = answer as { ok: boolean; error?: { code: string; message: string } };
      tally.runs++;
      if (result.ok) {
        tally.ok++;
        return;
      }
      tally.failed++;
      tally.codes.set(result.error?.code ?? '?', (tally.codes.get(result.error?.code ?? '?') ?? 0) + 1);
      expect(databaseState(t.ws), `a refused ${channel} (${result.error?.code}: ${result.error?.message}) changed the database`).toEqual(db);
      expect(await keychainState(t.ws), `a refused ${channel} (${result.error?.code}) changed the keychain`).toEqual(keys);
      known = { db, keys };
    }), { numRuns: runs, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: TIME_PER_CHANNEL_MS, markInterruptAsFailure: false });
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${fc.defaultReportMessage(details) ?? 'fuzz failed'}\n${cause}`, { cause: details.errorInstance });
    }
    tally.channels++;
    if (details.interrupted) tally.interrupted.push(`${channel} after ${details.numRuns}`);
  } finally {
    if (keytar) {
      const service = serviceName(t.ws.id);
      for (const e of await keytar.findCredentials(service).catch(() => [])) await keytar.deletePassword(service, e.account).catch(() => false);
    }
    t.cleanup();
  }
}

afterAll(() => {
  const codes = [...tally.codes].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${c} ${n}`).join(', ');
  const cut = tally.interrupted.length ? `; stopped early on a slow machine: ${tally.interrupted.join(', ')}` : '';
  console.log(`fuzz: ${tally.channels}/${CHANNELS.length} channels, ${tally.runs} runs (${tally.ok} ok, ${tally.failed} refused: ${codes}), seed ${SEED}${cut}`);
});

describe('IPC fuzzing', () => {
  it('has a valid example for the near-valid inputs of each channel that lists one', () => {
    expect(allCodesListed).toBe(true);
    for (const [channel, example] of Object.entries(EXAMPLES)) {
      expect(CHANNELS, `${channel} is no longer a channel`).toContain(channel);
      const parsed = contract[channel as Channel].input.safeParse(example);
      expect(parsed.success, `${channel}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
  });

  it('answers an unknown channel with a typed refusal and changes nothing', async () => {
    const t = demoWorkspace();
    try {
      const services: Services = { workspace: t.ws, now: () => t.now };
      const before = databaseState(t.ws);
      await fc.assert(fc.asyncProperty(fc.oneof(junk, fc.string(), hostileString), junk, async (channel, input) => {
        fc.pre(!(CHANNELS as unknown[]).includes(channel));
        const answer = await dispatch(services, channel, input);
        checkAnswer(answer);
        expect(answer).toMatchObject({ ok: false });
        // Channel names are strings on both transports (IPC, the HTTP bridge); see the known bug below for others.
        if (typeof channel === 'string') expect(answer).toMatchObject({ error: { code: 'invalid_input' } });
        checkPrototypes();
      }), { numRuns: 150, seed: SEED });
      expect(databaseState(t.ws)).toEqual(before);
    } finally {
      t.cleanup();
    }
  });

  // A value with no toString (e.g. [Object.create(null)]) once made dispatch answer 'internal'.
  it('calls a channel name that cannot be printed invalid_input', async () => {
    const t = demoWorkspace();
    try {
      const answer = await dispatch({ workspace: t.ws, now: () => t.now }, [Object.create(null)], undefined);
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      t.cleanup();
    }
  });

  // Opening the archive for writing creates its signing key, so it must wait until the checks pass.
  it('a refused inbox.act or inbox.undo leaves nothing behind, not even the archive signing key', async () => {
    const t = demoWorkspace();
    try {
      const services: Services = { workspace: t.ws, now: () => t.now };
      const db = databaseState(t.ws);
      const keys = await keychainState(t.ws);
      for (const [channel, input] of [['inbox.undo', { inboxId: 999_999 }], ['inbox.act', { inboxId: 999_999, action: 'allow' }]] as const) {
        expect(await dispatch(services, channel, input)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
      expect(databaseState(t.ws)).toEqual(db);
      expect(await keychainState(t.ws)).toEqual(keys);
    } finally {
      t.cleanup();
    }
  });

  for (const channel of CHANNELS) {
    it(`${channel}: always a typed Result, no write when refused, no prototype pollution`, async () => {
      await fuzzChannel(channel, Math.min(SLOW[channel] ?? RUNS, RUNS));
    });
  }
});
