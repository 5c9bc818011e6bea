import { RegisterCallbackCommand } from '../register-callback/register-callback.command.js';
import { RegisterCallbackHandler } from '../register-callback/register-callback.handler.js';
import { registrationInput, type useCaseFixture } from './use-case.fixture.js';

/** Registers a fresh callback for a spec; returns its id (version 0). */
export async function registeredCallback(f: ReturnType<typeof useCaseFixture>): Promise<string> {
  const handler = new RegisterCallbackHandler(f.aggregates, f.clock);
  return (await handler.execute(new RegisterCallbackCommand(registrationInput(), f.issuedBy()))).id;
}
