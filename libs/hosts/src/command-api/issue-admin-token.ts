import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { IssueTokenCommand } from '#application';

/** Makes `token` the administrator's in a started host (every boot, the demo, tests, the bench). */
export async function issueAdminToken(app: INestApplicationContext, token: string): Promise<void> {
  await app.get(CommandBus).execute(new IssueTokenCommand(token));
}
