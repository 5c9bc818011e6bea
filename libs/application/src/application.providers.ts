import type { Provider } from '@nestjs/common';
import { AssignAgentHandler } from './assign-agent/assign-agent.handler.js';
import { ChangeSettingsHandler } from './change-settings/change-settings.handler.js';
import { ChooseColumnsHandler } from './choose-columns/choose-columns.handler.js';
import { CompleteCallbackHandler } from './complete-callback/complete-callback.handler.js';
import { CreateAccountHandler } from './create-account/create-account.handler.js';
import { DeleteAsyncSearchHandler } from './delete-async-search/delete-async-search.handler.js';
import { DownloadAsyncSearchHandler } from './download-async-search/download-async-search.handler.js';
import { EditMemoHandler } from './edit-memo/edit-memo.handler.js';
import { ExportCallbacksCsvHandler } from './export-callbacks-csv/export-callbacks-csv.handler.js';
import { GetAsyncSearchHandler } from './get-async-search/get-async-search.handler.js';
import { GetCallbackHandler } from './get-callback/get-callback.handler.js';
import { GetCallbackHistoryHandler } from './get-callback-history/get-callback-history.handler.js';
import { GetCallbackStatsHandler } from './get-callback-stats/get-callback-stats.handler.js';
import { GetSettingsHandler } from './get-settings/get-settings.handler.js';
import { IssueTokenHandler } from './issue-token/issue-token.handler.js';
import { ListErasureRequestsHandler } from './list-erasure-requests/list-erasure-requests.handler.js';
import { RequestErasureHandler } from './request-erasure/request-erasure.handler.js';
import { ListAsyncSearchesHandler } from './list-async-searches/list-async-searches.handler.js';
import { ListSearchChoicesHandler } from './list-search-choices/list-search-choices.handler.js';
import { RegisterCallbackHandler } from './register-callback/register-callback.handler.js';
import { RegisterEmailHandler } from './register-email/register-email.handler.js';
import { ReopenCallbackHandler } from './reopen-callback/reopen-callback.handler.js';
import { RequestAsyncSearchHandler } from './request-async-search/request-async-search.handler.js';
import { RetryAsyncSearchHandler } from './retry-async-search/retry-async-search.handler.js';
import { SearchCallbacksHandler } from './search-callbacks/search-callbacks.handler.js';
import { ChangeOwnPasswordHandler } from './change-own-password/change-own-password.handler.js';
import { SetAccountPasswordHandler } from './set-account-password/set-account-password.handler.js';
import { SignInHandler } from './sign-in/sign-in.handler.js';
import { SignOutHandler } from './sign-out/sign-out.handler.js';
import { StreamLiveEventsHandler } from './stream-live-events/stream-live-events.handler.js';
import { ListAccountsHandler } from './list-accounts/list-accounts.handler.js';
import { UnassignAgentHandler } from './unassign-agent/unassign-agent.handler.js';
import { UploadRecordingHandler } from './upload-recording/upload-recording.handler.js';
import { GetCallbackRecordingHandler } from './get-callback-recording/get-callback-recording.handler.js';
import { DownloadRecordingsHandler } from './download-recordings/download-recordings.handler.js';
import { Aggregates } from './shared/aggregates.js';
import { AsyncSearchSlots } from './shared/async-search-slots.js';
import { SettingsReader } from './shared/settings-reader.js';
import { VisibleAsyncSearches } from './shared/visible-async-search.js';

/**
 * The use cases the command API serves over the CommandBus / QueryBus, with what they share. Needs
 * EVENT_STORE, CLOCK, APP_CONFIG, BLOB_STORE, RECORDING_BLOB_STORE and the read ports (CALLBACK_SEARCH,
 * CALLBACK_CHOICES, CALLBACK_STATS, LINKED_RECORDINGS, ASYNC_SEARCH_LIST, ACCOUNT_LIST, CALLBACK_RETENTION)
 * from the host; COMMAND_OBSERVERS is optional.
 */
export const apiUseCases: Provider[] = [
  Aggregates,
  AsyncSearchSlots,
  SettingsReader,
  VisibleAsyncSearches,
  RegisterCallbackHandler,
  AssignAgentHandler,
  UnassignAgentHandler,
  CompleteCallbackHandler,
  ReopenCallbackHandler,
  EditMemoHandler,
  SearchCallbacksHandler,
  ListSearchChoicesHandler,
  GetCallbackHandler,
  GetCallbackHistoryHandler,
  GetCallbackStatsHandler,
  ExportCallbacksCsvHandler,
  RequestAsyncSearchHandler,
  RetryAsyncSearchHandler,
  DeleteAsyncSearchHandler,
  GetAsyncSearchHandler,
  ListAsyncSearchesHandler,
  DownloadAsyncSearchHandler,
  CreateAccountHandler,
  IssueTokenHandler,
  RegisterEmailHandler,
  ChooseColumnsHandler,
  RequestErasureHandler,
  ListErasureRequestsHandler,
  ChangeSettingsHandler,
  GetSettingsHandler,
  UploadRecordingHandler,
  GetCallbackRecordingHandler,
  DownloadRecordingsHandler,
  SignInHandler,
  SignOutHandler,
  ChangeOwnPasswordHandler,
  SetAccountPasswordHandler,
  StreamLiveEventsHandler,
  ListAccountsHandler,
];
