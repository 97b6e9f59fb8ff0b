/** Parsers for platform archive exports. Pure: they read files and return data; they store nothing. */
export { readXArchive } from './x-archive';
export { readFacebookExport } from './facebook-export';
export { ImportError, type SourcePosition } from './errors';
export { repairMojibake } from './mojibake';
export { DEFAULT_LIMITS, type ImportLimits } from './source-types';
export type { DeletedObject, ImportOptions, ParsedAccount, ParsedArchive } from './types';
