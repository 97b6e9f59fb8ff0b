/** Public surface of the platform clients. */
export * from './errors';
export * from './types';
export { FacebookClient, type FacebookClientOptions, type FbListPage, type PhotoUpload } from './facebook-client';
export { XClient, type XClientOptions, type XPage, type XCollected } from './x-client';
export { MediaDownloader } from './media';
export * from './to-captured';
export { jsonDataSlices, sliceTopLevelArray, sliceTopLevelValue, wholeJson, parseJsonBytes, JsonSliceError, type JsonSlice } from './json-slices';
export type { FbComment, FbPageProfile, FbPost, FbRole } from './facebook-schemas';
export { GRAPH_DEFAULT_BASE_URL } from './facebook-schemas';
export type { XMedia, XTweet, XUser } from './x-schemas';
export { X_DEFAULT_BASE_URL } from './x-schemas';
export type { XProblem } from './x-errors';
