import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  Aggregates,
  IssueTokenCommand,
  SetAccountPasswordCommand,
  bootstrapAdminId,
  findAccount,
  systemActor,
} from '#application';
import { PASSWORD_HASHER, type PasswordHasher } from '#infra';

/** Makes `token` the administrator's in a started host (every boot, the demo, tests, the bench). */
export async function issueAdminToken(app: INestApplicationContext, token: string): Promise<void> {
  await app.get(CommandBus).execute(new IssueTokenCommand(token));
}

/**
 * Makes `password` the administrator's sign-in password unless it already is: setting a password ends
 * the account's sessions, so a restart with the same password must leave them alone.
 */
export async function ensureAdminPassword(app: INestApplicationContext, password: string): Promise<void> {
  const admin = await findAccount(app.get(Aggregates), bootstrapAdminId);
  const hasher = app.get<PasswordHasher>(PASSWORD_HASHER);
  if (admin?.passwordHash && (await hasher.verify(password, admin.passwordHash))) return;
  await app
    .get(CommandBus)
    .execute(
      new SetAccountPasswordCommand(bootstrapAdminId, password, { actor: systemActor, correlationId: 'bootstrap' }),
    );
}
