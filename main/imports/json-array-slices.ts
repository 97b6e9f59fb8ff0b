/** The archive imports' name for the shared byte-level JSON scanner (main/shared/json-scan.ts). */
export { arraySlices, JsonScanError, objectSlices, parseSlice, scanValue, skipBom, skipWhitespace } from '../shared/json-scan';
export type { ByteRange, MemberSlice } from '../shared/json-scan';
