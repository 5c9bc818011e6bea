/**
 * The one place the screen talks HTTP: same-origin paths, the session cookie, the CSRF header on every
 * state-changing request, and problem+json errors turned into ApiError.
 */
export const csrfCookieName = 'orikaeshi_csrf';
export const csrfHeaderName = 'x-csrf-token';

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { path?: string; message?: string }[];
  /** Sent with SEARCH_LIMIT_EXCEEDED. */
  searchCap?: number;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

function readCookie(name: string): string | null {
  for (const pair of document.cookie.split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOptions {
  method?: string;
  body?: unknown;
  ifMatch?: number;
  signal?: AbortSignal;
}

function headersFor(method: string, options: RequestOptions): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (options.ifMatch !== undefined) headers.set('If-Match', `"${options.ifMatch}"`);
  if (!safeMethods.has(method)) {
    const token = readCookie(csrfCookieName);
    if (token) headers.set(csrfHeaderName, token);
  }
  return headers;
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status, code: body.code ?? `HTTP_${response.status}` };
  } catch {
    return { status: response.status, code: `HTTP_${response.status}` };
  }
}

export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, options),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', detail: String(error) });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Japanese wording for an error, by its stable code. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '予期しないエラーが発生しました。再度お試しください。';
  switch (error.code) {
    case 'NETWORK':
      return 'サーバーに接続できません。ネットワークを確認して再度お試しください。';
    case 'UNAUTHENTICATED':
      return 'サインインが必要です。';
    case 'FORBIDDEN':
      return 'この操作を行う権限がありません。';
    case 'VALIDATION_FAILED':
      return '入力内容に誤りがあります。' + (error.problem.errors?.length ? fieldList(error.problem) : '');
    case 'NOT_FOUND':
      return '対象が見つかりません。削除されたか、保持期間を過ぎた可能性があります。';
    case 'VERSION_CONFLICT':
      return '他の人が先に変更しました。最新の内容を読み込んでから操作してください。';
    case 'INVALID_TRANSITION':
      return '現在の状態ではこの操作はできません。';
    case 'SEARCH_LIMIT_EXCEEDED':
      return '検索結果が検索上限を超えました。条件を絞り込むか、非同期検索をご利用ください。';
    case 'ASYNC_SEARCH_LIMIT':
      return '非同期検索は10件まで保存できます。不要な検索を削除してから再度お試しください。';
    case 'EMAIL_NOT_REGISTERED':
      return 'メールアドレスが登録されていないため、メール通知を指定できません。';
    case 'TOO_MANY_REQUESTS':
      return '試行回数が多すぎます。しばらく待ってから再度お試しください。';
    case 'PAYLOAD_TOO_LARGE':
      return 'データが大きすぎます。';
    default:
      return error.status >= 500
        ? 'サーバーでエラーが発生しました。時間をおいて再度お試しください。'
        : `エラーが発生しました(${error.code})。`;
  }
}

function fieldList(problem: Problem): string {
  return ` (${(problem.errors ?? [])
    .map((e) => e.path ?? e.message)
    .filter(Boolean)
    .join('、')})`;
}

/** The cap a 422 SEARCH_LIMIT_EXCEEDED names in its detail (e.g. "… 10000 …"), if any. */
export function capOf(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'SEARCH_LIMIT_EXCEEDED') return null;
  if (typeof error.problem.searchCap === 'number') return error.problem.searchCap;
  const match = /(\d[\d,]*)/.exec(error.problem.detail ?? '');
  return match ? Number(match[1].replaceAll(',', '')) : null;
}
