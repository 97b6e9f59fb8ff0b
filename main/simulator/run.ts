/**
 * Runs the simulator as its own process, for the demo workspace and end-to-end tests:
 *   npx tsx main/simulator/run.ts --port 4010 --seed 1
 * Prints one JSON line with the base URLs, ids and tokens, then serves until SIGINT/SIGTERM.
 */
import { startSimulator } from './server';

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

const sim = await startSimulator({ port: arg('port') ?? 0, seed: arg('seed') });
console.log(
  JSON.stringify({
    url: sim.url,
    facebookBaseUrl: sim.facebookBaseUrl,
    xBaseUrl: sim.xBaseUrl,
    facebookPageId: sim.facebookPageId,
    xUserId: sim.xUserId,
    tokens: sim.tokens,
    control: `${sim.url}/__sim/`,
  }),
);
const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
