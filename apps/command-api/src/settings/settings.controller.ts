import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { settingsDecider, streamNames } from '#domain';
import { CLOCK, type Clock } from '#runtime';
import { Permit } from '../auth/auth.guard.js';
import { CommandGateway } from '../commands/command-gateway.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp } from '../http/command-http.js';
import { expectedVersionOf } from '../http/expected-version.js';
import { SettingsReader } from './settings-reader.js';

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
    private readonly commands: CommandGateway,
    private readonly reader: SettingsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Permit('administer')
  async get() {
    const { settings, version } = await this.reader.current();
    return { ...settings, version };
  }

  @Put()
  @Permit('administer')
  @ApiOperation({ summary: 'Change settings; fields left out keep their value' })
  @ApiBody({ schema: openApiSchema(settingsBody) })
  async put(@Body(new ZodBody(settingsBody)) body: z.output<typeof settingsBody>, @CommandHttp() http: CommandHttp) {
    const { expectedVersion, ...changes } = body;
    const outcome = await this.commands.run(
      streamNames.settings(),
      settingsDecider,
      { type: 'ChangeSystemSettings', changes, now: this.clock.now() },
      { ...http, expectedVersion: expectedVersionOf(http.ifMatch, expectedVersion) },
    );
    return { ...outcome.state, version: outcome.version };
  }
}
