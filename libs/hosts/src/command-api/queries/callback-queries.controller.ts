import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { GetCallbackQuery, GetCallbackStatsQuery, ListSearchChoicesQuery, SearchCallbacksQuery } from '#application';
import { type Account, parseSearchCriteria } from '#domain';
import { type CallbackSearchResult, type CallbackStatsGroup, type SearchChoices, statsGroupings } from '#read-store';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { callbackIdParam } from '../callbacks/callback-id.js';
import { parseWith } from '../http/body.js';
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
  constructor(private readonly queries: QueryBus) {}

  @Get('callbacks')
  @Permit('search')
  @ApiOperation({ summary: 'Search callbacks; more matches than the search cap is 422 SEARCH_LIMIT_EXCEEDED' })
  @ApiQuery({ name: 'q', required: false, description: 'narrowing keywords (space separated, all must match)' })
  async search(@Query() raw: unknown, @CurrentAccount() account: Account) {
    const { criteria, sort, page, pageSize } = parseListQuery(raw);
    const result: CallbackSearchResult = await this.queries.execute(
      new SearchCallbacksQuery({ criteria, sort, page, pageSize }, account),
    );
    return { items: result.items, total: result.total, page, pageSize };
  }

  @Get('callbacks/choices')
  @Permit('search')
  @ApiOperation({
    summary: 'Choices for the search form: the call centers, business labels and agents the callbacks hold',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['callCenters', 'businessLabels', 'agents'],
      properties: {
        callCenters: { type: 'array', items: { type: 'string' } },
        businessLabels: { type: 'array', items: { type: 'string' } },
        agents: { type: 'array', items: { type: 'string' } },
      },
    },
  })
  choices(): Promise<SearchChoices> {
    return this.queries.execute(new ListSearchChoicesQuery());
  }

  @Get('callbacks/:id')
  @Permit('search')
  @ApiOperation({ summary: 'One callback with a summary of its history' })
  detail(@Param('id') id: string) {
    return this.queries.execute(new GetCallbackQuery(callbackIdParam(id)));
  }

  @Get('stats/callbacks')
  @Permit('readStats')
  @ApiOperation({ summary: 'Registered, completed, open, unassigned and time-to-complete p50/p90 per group' })
  async stats(@Query() raw: unknown) {
    const query = parseWith(statsQuery, raw ?? {});
    // The period follows the search criteria's rule (years 2000–2100, to not before from).
    parseSearchCriteria({ from: query.from, to: query.to });
    const groups: CallbackStatsGroup[] = await this.queries.execute(new GetCallbackStatsQuery(query));
    return { groupBy: query.groupBy, from: query.from ?? null, to: query.to ?? null, groups };
  }
}
