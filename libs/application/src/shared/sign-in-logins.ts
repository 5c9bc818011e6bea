import { createHash } from 'node:crypto';
import { type Account, normaliseLogin } from '#domain';
import type { CommandContext } from '#kernel';
import type { Aggregates } from './aggregates.js';
import { systemActor } from './system-actor.js';

/** The key of a login's binding stream: the SHA-256 of the normalised login, so no email is a stream name. */
export function loginKey(login: string): string {
  return createHash('sha256').update(normaliseLogin(login)).digest('hex');
}

/** The logins an account answers to now: its name and, when it has one, its email. */
export function loginsOf(account: Pick<Account, 'name' | 'email'>): string[] {
  return account.email ? [account.name, account.email] : [account.name];
}

/** Whether `login` is still one of the account's logins (a binding outlives a changed email). */
export function answersTo(account: Pick<Account, 'name' | 'email'>, login: string): boolean {
  const wanted = normaliseLogin(login);
  return loginsOf(account).some((own) => normaliseLogin(own) === wanted);
}

/**
 * Binds each login to the account ("no stream": refused when another account holds it). Run before the
 * account's own events are appended, so a taken name or email creates or changes nothing.
 */
export async function claimLogins(
  aggregates: Aggregates,
  accountId: string,
  logins: readonly string[],
  issuedBy: Pick<CommandContext, 'correlationId'>,
): Promise<void> {
  for (const login of logins) {
    const key = loginKey(login);
    await aggregates.logins.run(
      key,
      { type: 'ClaimLogin', loginKey: key, accountId },
      { actor: systemActor, correlationId: issuedBy.correlationId },
    );
  }
}
