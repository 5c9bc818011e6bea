import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { streamNames } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { upcast } from '#runtime';
import { Permit } from '../auth/auth.guard.js';
import { ApiProblem } from '../http/problem.js';
import { callbackIdParam } from './callback-id.js';

/** `GET /callbacks/{id}/history`: every event of the callback, read straight from its stream (auditors). */
@ApiTags('callbacks')
@ApiBearerAuth()
@Controller('callbacks')
export class CallbackHistoryController {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  @Get(':id/history')
  @Permit('readHistory')
  @ApiOperation({ summary: 'Every change of one callback, oldest first, with who made it and when' })
  async history(@Param('id') id: string) {
    const callbackId = callbackIdParam(id);
    const recorded = await this.eventStore.readStream(streamNames.callback(callbackId));
    if (recorded.length === 0) throw new ApiProblem('NOT_FOUND', `no callback ${callbackId}`);
    return {
      id: callbackId,
      events: recorded.map((event) => ({
        type: event.type,
        version: event.revision,
        occurredAt: event.metadata.occurredAt,
        actor: event.metadata.actor,
        data: upcast(event).data,
      })),
    };
  }
}
