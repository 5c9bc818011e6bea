import type { Criteria, SearchState } from '../lib/search-state';
import { criteriaToParams, searchStateToParams } from '../lib/search-state';
import type { CsvEncoding } from '../lib/csv-file-name';
import { request, send } from './client';
import type {
  AccountSummary,
  AsyncSearch,
  CallbackDetail,
  Choices,
  CommandResult,
  CreatedAccount,
  HistoryEvent,
  Me,
  SearchResult,
  Settings,
  StatsGroup,
} from './types';

const id = encodeURIComponent;

export const api = {
  signIn: (login: string, password: string) =>
    request<void>('/sessions', { method: 'POST', body: { login, password } }),
  signOut: () => request<void>('/sessions/current', { method: 'DELETE' }),
  me: () => request<Me>('/accounts/me'),
  registerEmail: (email: string | null) => request<Me>('/accounts/me', { method: 'PATCH', body: { email } }),
  columns: () => request<{ columns: string[] }>('/accounts/me/columns'),
  saveColumns: (columns: string[]) =>
    request<{ columns: string[] }>('/accounts/me/columns', { method: 'PUT', body: { columns } }),

  /** Assumed endpoint: the values that exist, for the form's choices. */
  choices: () => request<Choices>('/callbacks/choices'),
  search: (state: SearchState, signal?: AbortSignal) =>
    request<SearchResult>(`/callbacks?${searchStateToParams(state)}`, { signal }),
  /** The CSV as raw bytes (a Blob is never decoded as text). */
  csv: async (criteria: Criteria, q: string, encoding: CsvEncoding): Promise<Blob> => {
    const params = criteriaToParams(criteria, q);
    if (encoding === 'shift_jis') params.set('encoding', 'shift_jis');
    return (await send(`/callbacks.csv?${params}`)).blob();
  },
  callback: (callbackId: string) => request<CallbackDetail>(`/callbacks/${id(callbackId)}`),
  history: (callbackId: string) => request<{ events: HistoryEvent[] }>(`/callbacks/${id(callbackId)}/history`),
  assign: (callbackId: string, agent: string) =>
    request<CommandResult>(`/callbacks/${id(callbackId)}/assign`, { method: 'POST', body: { agent } }),
  unassign: (callbackId: string) => request<CommandResult>(`/callbacks/${id(callbackId)}/unassign`, { method: 'POST' }),
  complete: (callbackId: string) => request<CommandResult>(`/callbacks/${id(callbackId)}/complete`, { method: 'POST' }),
  reopen: (callbackId: string) => request<CommandResult>(`/callbacks/${id(callbackId)}/reopen`, { method: 'POST' }),
  editMemo: (callbackId: string, memo: string, version: number) =>
    request<CommandResult>(`/callbacks/${id(callbackId)}/memo`, { method: 'PUT', body: { memo }, ifMatch: version }),
  recordingUrl: (callbackId: string) => `/callbacks/${id(callbackId)}/recording`,

  asyncSearches: () => request<{ items: AsyncSearch[] }>('/async-searches'),
  requestAsyncSearch: (body: {
    criteria: Criteria & { q?: string };
    memo: string;
    notify: boolean;
    encoding: CsvEncoding;
  }) => request<AsyncSearch>('/async-searches', { method: 'POST', body }),
  retryAsyncSearch: (searchId: string) =>
    request<AsyncSearch>(`/async-searches/${id(searchId)}/retry`, { method: 'POST' }),
  deleteAsyncSearch: (searchId: string) => request<void>(`/async-searches/${id(searchId)}`, { method: 'DELETE' }),
  asyncDownloadUrl: (searchId: string) => `/async-searches/${id(searchId)}/download`,

  stats: (params: URLSearchParams) => request<{ groupBy: string; groups: StatsGroup[] }>(`/stats/callbacks?${params}`),
  settings: () => request<Settings>('/settings'),
  saveSettings: (settings: Omit<Settings, 'version'>) =>
    request<Settings>('/settings', { method: 'PUT', body: settings }),
  accounts: () => request<{ items: AccountSummary[] } | AccountSummary[]>('/accounts'),
  createAccount: (body: { name: string; email: string | null; roles: string[]; password?: string }) =>
    request<CreatedAccount>('/accounts', { method: 'POST', body }),
};
