import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type AsyncSearchCommand,
  type AsyncSearchEvent,
  type AsyncSearchQuotaCommand,
  type AsyncSearchQuotaEvent,
  type AsyncSearchQuotaState,
  type AsyncSearchState,
  type CallbackCommand,
  type CallbackEvent,
  type CallbackState,
  type SettingsCommand,
  type SettingsEvent,
  type SystemSettings,
  type TokenCommand,
  type TokenEvent,
  type TokenState,
  type LoginCommand,
  type LoginEvent,
  type LoginState,
  loginDecider,
  accountDecider,
  asyncSearchDecider,
  asyncSearchQuotaDecider,
  callbackDecider,
  settingsDecider,
  streamNames,
  tokenDecider,
} from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { AggregateRunner, type CommandObserver, type CommandRunnerDependencies } from '#kernel';
import { CLOCK, type Clock } from '#runtime';

/** Who else hears about commands (metrics, the account cache): provided by the host. */
export const COMMAND_OBSERVERS = Symbol('COMMAND_OBSERVERS');

/**
 * Every aggregate's decider bound once to its stream name, over the kernel's read → fold → decide → append.
 * Use-case handlers run commands through these; nothing else appends domain events.
 */
@Injectable()
export class Aggregates {
  readonly callbacks: AggregateRunner<CallbackCommand, CallbackEvent, CallbackState>;
  readonly accounts: AggregateRunner<AccountCommand, AccountEvent, AccountState>;
  readonly tokens: AggregateRunner<TokenCommand, TokenEvent, TokenState>;
  readonly logins: AggregateRunner<LoginCommand, LoginEvent, LoginState>;
  readonly asyncSearches: AggregateRunner<AsyncSearchCommand, AsyncSearchEvent, AsyncSearchState>;
  readonly asyncSearchQuotas: AggregateRunner<AsyncSearchQuotaCommand, AsyncSearchQuotaEvent, AsyncSearchQuotaState>;
  readonly settings: AggregateRunner<SettingsCommand, SettingsEvent, SystemSettings>;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Optional() @Inject(COMMAND_OBSERVERS) observers: readonly CommandObserver[] | null = null,
  ) {
    const dependencies: CommandRunnerDependencies = {
      eventStore,
      now: () => clock.now(),
      observers: observers ?? [],
    };
    this.callbacks = new AggregateRunner(dependencies, callbackDecider, streamNames.callback);
    this.accounts = new AggregateRunner(dependencies, accountDecider, streamNames.account);
    this.tokens = new AggregateRunner(dependencies, tokenDecider, streamNames.token);
    this.logins = new AggregateRunner(dependencies, loginDecider, streamNames.login);
    this.asyncSearches = new AggregateRunner(dependencies, asyncSearchDecider, streamNames.asyncSearch);
    this.asyncSearchQuotas = new AggregateRunner(dependencies, asyncSearchQuotaDecider, streamNames.asyncSearchQuota);
    this.settings = new AggregateRunner(dependencies, settingsDecider, () => streamNames.settings());
  }
}
