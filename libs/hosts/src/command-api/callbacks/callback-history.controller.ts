import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetCallbackHistoryQuery } from '#application';
import { Permit } from '../auth/auth.guard.js';
import { callbackIdParam } from './callback-id.js';

/** `GET /callbacks/{id}/history`: every event of the callback (auditors). */
@ApiTags('callbacks')
@ApiBearerAuth()
@Controller('callbacks')
export class CallbackHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @Permit('readHistory')
  @ApiOperation({ summary: 'Every change of one callback, oldest first, with who made it and when' })
  history(@Param('id') id: string) {
    return this.queries.execute(new GetCallbackHistoryQuery(callbackIdParam(id)));
  }
}
