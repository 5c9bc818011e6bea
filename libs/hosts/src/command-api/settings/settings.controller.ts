import { Body, Controller, Get, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ChangeSettingsCommand, GetSettingsQuery, type SettingsResult } from '#application';
import { Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp, issuedBy } from '../http/command-http.js';
import { expectedVersionOf } from '../http/expected-version.js';

const settingsBody = z.strictObject({
  retentionDays: z.number().optional(),
  searchCap: z.number().optional(),
  recordingCap: z.number().optional(),
  bulkRecordingDownload: z.boolean().optional(),
  expectedVersion: z.number().int().min(0).nullable().optional(),
});

/** System settings (履歴保持期間, 検索上限, recording cap, bulk recording download): administrators only. */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Permit('administer')
  async get() {
    const { settings, version }: SettingsResult = await this.queries.execute(new GetSettingsQuery());
    return { ...settings, version };
  }

  @Put()
  @Permit('administer')
  @ApiOperation({ summary: 'Change settings; fields left out keep their value' })
  @ApiBody({ schema: openApiSchema(settingsBody) })
  async put(@Body(new ZodBody(settingsBody)) body: z.output<typeof settingsBody>, @CommandHttp() http: CommandHttp) {
    const { expectedVersion, ...changes } = body;
    const result: SettingsResult = await this.commands.execute(
      new ChangeSettingsCommand(changes, issuedBy(http, expectedVersionOf(http.ifMatch, expectedVersion))),
    );
    return { ...result.settings, version: result.version };
  }
}
