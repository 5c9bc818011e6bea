/** A small HTTP client for e2e tests: real requests against a listening app, JSON in and out. */
export interface HttpResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  headers?: Record<string, string>;
  /** Sent as-is (for malformed JSON or oversized bodies); otherwise `body` is JSON-encoded. */
  rawBody?: string | Buffer;
}

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  as(token: string | null): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  get<Body = any>(path: string, options: RequestOptions = {}) {
    return this.request<Body>('GET', path, undefined, options);
  }
  post<Body = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<Body>('POST', path, body, options);
  }
  put<Body = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<Body>('PUT', path, body, options);
  }
  patch<Body = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<Body>('PATCH', path, body, options);
  }
  delete<Body = any>(path: string, options: RequestOptions = {}) {
    return this.request<Body>('DELETE', path, undefined, options);
  }

  async request<Body>(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions,
  ): Promise<HttpResponse<Body>> {
    const token = options.token === undefined ? this.token : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const type = response.headers.get('content-type') ?? '';
    // A live event stream never ends: its status and headers are the answer.
    if (type.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, headers: response.headers, body: '' as Body, text: '' };
    }
    const text = await response.text();
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, headers: response.headers, body: parsed as Body, text };
  }
}
