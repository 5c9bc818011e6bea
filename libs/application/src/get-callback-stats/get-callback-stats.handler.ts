import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CALLBACK_STATS, type CallbackStats, type CallbackStatsGroup } from '#read-store';
import { GetCallbackStatsQuery } from './get-callback-stats.query.js';

@QueryHandler(GetCallbackStatsQuery)
export class GetCallbackStatsHandler implements IQueryHandler<GetCallbackStatsQuery, CallbackStatsGroup[]> {
  constructor(@Inject(CALLBACK_STATS) private readonly stats: CallbackStats) {}

  execute({ request }: GetCallbackStatsQuery): Promise<CallbackStatsGroup[]> {
    return this.stats.callbackStats(request);
  }
}
