/**
 * Makes `token` the administrator's (account `admin`): creates the account on the first start, issues
 * the token when it changed (the previous one stops working). Idempotent: run at every start.
 */
export class IssueTokenCommand {
  constructor(readonly token: string) {}
}
