/** Types the web app shares with the server: `hc<AppType>('/')` gives a typed API client. */
export type { AppType, CreateAppDeps } from './http/app';
export type { ApiErrorBody } from './http/errors';
export type { NodeTypeInfo } from './http/routes/meta';
