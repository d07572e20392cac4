import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error the API answers with: `{ error: { code, message, path? } }` (DESIGN.md §7). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    path?: string;
    /** Every problem found, when there were several (workflow validation). */
    issues?: { path: string; code: string; message: string }[];
    /** `workflow_in_use`: the workflows that use it as a recipe (GET /api/workflows/:id/users). */
    users?: {
      id: string;
      name: string;
      version: number;
      nodes: { id: string; version: number }[];
    }[];
  };
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500;

export const errorBody = (
  code: string,
  message: string,
  extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
): ApiErrorBody => ({ error: { code, message, ...extra } });

/** Answers with the error shape; typed so `hc` clients see the error body per status. */
export const apiError = <S extends ErrorStatus & ContentfulStatusCode>(
  c: Context,
  status: S,
  code: string,
  message: string,
  extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
) => c.json(errorBody(code, message, extra), status);

/**
 * Thrown from helpers deep inside a handler; `app.onError` turns it into the error shape.
 * Handlers that can answer directly use `apiError` instead.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
