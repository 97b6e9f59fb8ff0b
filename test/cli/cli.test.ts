import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/main';
import type { Io } from '../../main/cli/output';
import { tempDir } from '../helpers/workspace';

const root = join(import.meta.dirname, '..', '..');
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; }, env };
  const code = await main(args, io);
  return { code, out, err };
}

/** The real executable, as `npx civicdesk` runs it. */
function bin(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'civicdesk.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('civicdesk CLI', () => {
  const demo = join(dir, 'demo');

  it('[REG-3] init --demo creates the Kalispell demo, and registry sites --json lists its two sites', () => {
    const init = bin(['init', '--demo', '--data-dir', demo, '--json']);
    expect(init.code, init.err).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ demo: true, file: join(demo, 'workspace.sqlite') });
    const sites = bin(['registry', 'sites', '--json', '--data-dir', demo]);
    expect(sites.code, sites.err).toBe(0);
    expect((JSON.parse(sites.out) as { platform: string; handle: string; status: string }[]).map((s) => [s.platform, s.handle, s.status]))
      .toEqual([['facebook', 'CityofKalispell', 'active'], ['x', 'CityKalispell', 'active']]);
  });

  it('[REG-2] registry add-site prints the new proposed site with its id', async () => {
    const r = await run(['registry', 'add-site', '--platform', 'facebook', '--handle', 'KalispellParksRec', '--name', 'Kalispell Parks', '--json', '--data-dir', demo]);
    expect(r.code, r.err).toBe(0);
    const site = JSON.parse(r.out) as { id: number; status: string; handle: string };
    expect(site).toMatchObject({ id: 3, status: 'proposed', handle: 'KalispellParksRec' });
  });

  it('[REG-6] compliance --json prints findings with requirement, siteId and message, and exits 1', async () => {
    const r = await run(['compliance', '--json'], { CIVICDESK_DATA_DIR: demo });
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.out) as { requirement: string; siteId?: number; message: string }[];
    expect(findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ requirement: 'REG-6', siteId: 2, message: expect.stringMatching(/IT Director/) }),
      expect.objectContaining({ requirement: 'REG-2', siteId: 3 }),
    ]));
    for (const f of findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['requirement', 'message']));
  });

  it('compliance exits 0 when there is nothing to report', async () => {
    const clean = join(dir, 'clean');
    expect((await run(['init', '--name', 'Lee Grant', '--email', 'lee@example.org', '--data-dir', clean])).code).toBe(0);
    const r = await run(['compliance', '--json', '--data-dir', clean]);
    expect(r).toMatchObject({ code: 0, out: '[]\n' });
  });

  it('errors go to stderr with a non-zero exit and change nothing', async () => {
    const count = async () => (JSON.parse((await run(['registry', 'sites', '--json', '--data-dir', demo])).out) as unknown[]).length;
    const before = await count();
    const cases: [string[], RegExp][] = [
      [['registry', 'add-site', '--platform', 'myspace', '--handle', 'h', '--name', 'N', '--data-dir', demo], /Unknown platform/],
      [['registry', 'add-site', '--platform', 'x', '--name', 'N', '--data-dir', demo], /--handle is required/],
      [['registry', 'add-site', '--platform', 'x', '--handle', 'CityKalispell', '--name', 'N', '--data-dir', demo], /already in the registry/],
      [['registry', 'add-site', '--bogus', '--data-dir', demo], /Unknown option/],
      [['registry', 'sites', '--data-dir', join(dir, 'nowhere')], /No workspace in .*civicdesk init/],
      [['init', '--demo', '--data-dir', demo], /already exists/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.out).toBe('');
    }
    expect(await count()).toBe(before);
  });

  it('acts as the workspace owner: a workspace owned by an Employee cannot add sites', async () => {
    const ws = join(dir, 'employee');
    expect((await run(['init', '--name', 'Drew Patel', '--email', 'drew@example.org', '--role', 'employee', '--data-dir', ws])).code).toBe(0);
    const r = await run(['registry', 'add-site', '--platform', 'x', '--handle', 'h', '--name', 'N', '--data-dir', ws]);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/Employees may not propose new sites/) });
  });

  it('a failed init leaves no half-made workspace behind', async () => {
    const ws = join(dir, 'badrole');
    const r = await run(['init', '--name', 'X', '--email', 'x@example.org', '--role', 'mayor', '--data-dir', ws]);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown role/) });
    expect((await run(['registry', 'sites', '--data-dir', ws])).err).toMatch(/No workspace/);
  });

  it('prints help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/civicdesk compliance/);
  });
});
