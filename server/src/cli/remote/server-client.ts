import type { StoredImage } from '@atelier/nodes';
import { ImageCheckError } from '../../blobs/check-image';
import type { ImageProblem } from '../../blobs/check-image';
import type { SseMessage } from '../../http/sse-reader';
import { readSse } from '../../http/sse-reader';
import type { CliIO } from '../io';

/** An answer the server refused, with its `{error: {code, message, path?, issues?}}`. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path?: string; code: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/**
 * The HTTP API of a running Atelier server (`--server URL`), authorized with
 * ATELIER_API_TOKEN (a personal token of a team server) or ATELIER_TOKEN (a solo server's).
 */
export class ServerClient {
  private readonly token: string | undefined;

  constructor(
    readonly url: string,
    env: CliIO['env'],
  ) {
    this.token = env.ATELIER_API_TOKEN?.trim() || env.ATELIER_TOKEN?.trim() || undefined;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        ...init,
        headers: this.headers(init.headers as Record<string, string> | undefined),
      });
    } catch (error) {
      throw new ServerError(
        0,
        'server_unreachable',
        `Cannot reach the Atelier server at ${this.url} (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}): is it running, and is the URL right?`,
      );
    }
    if (res.ok) return res;
    let body: { error?: { code?: string; message?: string; issues?: ServerError['issues'] } } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // Not one of ours: the status says enough.
    }
    const code = body.error?.code ?? `http_${res.status}`;
    const message =
      res.status === 401
        ? this.token
          ? // Sent, and refused: the server's own words say why (unknown, revoked, expired).
            `${this.url} refused the token: ${body.error?.message ?? 'unauthorized'}`
          : `${this.url} wants a token: set ATELIER_API_TOKEN (a personal API token from the Team panel, API tokens) or ATELIER_TOKEN (a solo server's)`
        : (body.error?.message ?? `${res.status} ${res.statusText}`);
    throw new ServerError(res.status, code, message, body.error?.issues ?? []);
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    return (await (await this.request(path, init)).json()) as T;
  }

  /** A JSON body (and its content type). */
  async send<T>(
    path: string,
    body: unknown,
    method = 'POST',
    headers: Record<string, string> = {},
  ) {
    return this.json<T>(path, {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  /** `POST /api/blobs`: an image the server decodes and stores (its refusals as ImageCheckError). */
  async putUpload(bytes: Uint8Array): Promise<StoredImage> {
    try {
      return await this.json<StoredImage>('/api/blobs', {
        method: 'POST',
        body: bytes as Uint8Array<ArrayBuffer>,
        headers: { 'content-type': 'application/octet-stream' },
      });
    } catch (error) {
      if (
        error instanceof ServerError &&
        (error.status === 415 || error.status === 422 || error.status === 413)
      )
        throw new ImageCheckError(error.code as ImageProblem, error.message);
      throw error;
    }
  }

  async get(blob: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.request(`/api/blobs/${blob}`)).arrayBuffer());
  }

  /** Follows a server-sent event stream until it ends or `signal` aborts it. */
  async events(path: string, onMessage: (message: SseMessage) => void, signal: AbortSignal) {
    try {
      const res = await this.request(path, { signal });
      if (res.status === 204) return;
      for await (const message of readSse(res)) onMessage(message);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }
}
