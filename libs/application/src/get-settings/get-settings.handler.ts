import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { SettingsResult } from '../change-settings/change-settings.command.js';
import { SettingsReader } from '../shared/settings-reader.js';
import { GetSettingsQuery } from './get-settings.query.js';

@QueryHandler(GetSettingsQuery)
export class GetSettingsHandler implements IQueryHandler<GetSettingsQuery, SettingsResult> {
  constructor(private readonly reader: SettingsReader) {}

  execute(): Promise<SettingsResult> {
    return this.reader.current();
  }
}
