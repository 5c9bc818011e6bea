import type { HttpClient, HttpResponse, RequestOptions } from './http-client.js';

/**
 * A browser's view of the API for e2e tests: keeps the cookies the server sets (as a browser would, dropping
 * expired ones) and sends them back; like the screen, echoes the readable CSRF cookie in `x-csrf-token` on
 * state-changing requests unless told not to.
 */
export class BrowserSession {
  readonly cookies = new Map<string, string>();

  constructor(private readonly http: HttpClient) {}

  get sessionCookie(): string | undefined {
    return this.cookies.get('orikaeshi_session');
  }
  get csrfToken(): string | undefined {
    return this.cookies.get('orikaeshi_csrf');
  }

  async signIn(login: string, password: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    return this.send('POST', '/sessions', { login, password }, { headers });
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions & { csrf?: boolean } = {},
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    const changesState = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (changesState && options.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.http.request(method, path, body, { ...options, token: null, headers });
    this.keep(response.headers.getSetCookie());
    return response;
  }

  private keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const expired =
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
