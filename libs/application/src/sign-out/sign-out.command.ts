/** Ends the browser session whose cookie the caller sent (nothing to end for a bearer-token caller). */
export class SignOutCommand {
  constructor(readonly sessionId: string | null) {}
}
