import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type Account, streamNames } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { READ_STORE, type ReadStore, statsGroupings } from '#read-store';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { callbackIdParam } from '../callbacks/callback-id.js';
import { parseWith } from '../http/body.js';
import { ApiProblem } from '../http/problem.js';
import { SettingsReader } from '../settings/settings-reader.js';
import { parseListQuery } from './search-query.js';

const statsQuery = z.strictObject({
  from: z.string().max(100).optional(),
  to: z.string().max(100).optional(),
  groupBy: z.enum(statsGroupings).default('callCenter'),
});

/** The read side (api.md "Queries"): search with narrowing by the caller's own columns, detail, statistics. */
@ApiTags('queries')
@ApiBearerAuth()
@Controller()
export class CallbackQueriesController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly settings: SettingsReader,
  ) {}

  @Get('callbacks')
  @Permit('search')
  @ApiOperation({ summary: 'Search callbacks; more matches than the search cap is 422 SEARCH_LIMIT_EXCEEDED' })
  @ApiQuery({ name: 'q', required: false, description: 'narrowing keywords (space separated, all must match)' })
  async search(@Query() raw: unknown, @CurrentAccount() account: Account) {
    const query = parseListQuery(raw);
    const { settings } = await this.settings.current();
    const result = await this.readStore.search({
      criteria: query.criteria,
      narrowing: { columns: account.columns },
      sort: query.sort,
      page: query.page,
      pageSize: query.pageSize,
      cap: settings.searchCap,
    });
    return { items: result.items, total: result.total, page: query.page, pageSize: query.pageSize };
  }

  @Get('callbacks/:id')
  @Permit('search')
  @ApiOperation({ summary: 'One callback with a summary of its history' })
  async detail(@Param('id') id: string) {
    const callbackId = callbackIdParam(id);
    const view = await this.readStore.get(callbackId);
    if (!view) throw new ApiProblem('NOT_FOUND', `no callback ${callbackId}`);
    const events = await this.eventStore.readStream(streamNames.callback(callbackId));
    const last = events[events.length - 1];
    return {
      ...view,
      history: {
        events: events.length,
        lastChangedAt: last?.metadata.occurredAt ?? null,
        lastChangedBy: last?.metadata.actor.name ?? null,
      },
    };
  }

  @Get('stats/callbacks')
  @Permit('readStats')
  @ApiOperation({ summary: 'Registered, completed, open, unassigned and time-to-complete p50/p90 per group' })
  async stats(@Query() raw: unknown) {
    const query = parseWith(statsQuery, raw ?? {});
    const groups = await this.readStore.callbackStats(query);
    return { groupBy: query.groupBy, from: query.from ?? null, to: query.to ?? null, groups };
  }
}
