/** The platform simulator: a local stand-in for the Graph API and X API v2. */
export { startSimulator, type Simulator, type SimulatorOptions } from './server';
export type { SimulatorControl, SimSnapshot, RequestLogEntry } from './control';
export type { FailSpec, RateLimitSpec } from './faults';
export type { StepInfo } from './timeline';
export { SIM_TOKENS } from './tokens';
