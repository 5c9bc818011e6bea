import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ChangeOwnPasswordCommand,
  type ChangedPassword,
  ChooseColumnsCommand,
  CreateAccountCommand,
  type AccountListItem,
  ListAccountsQuery,
  type CreatedAccount,
  RegisterEmailCommand,
  SetAccountPasswordCommand,
} from '#application';
import { APP_CONFIG, type AppConfig } from '#runtime';
import { type Account } from '#domain';
import { type AuthenticatedRequest, CurrentAccount, Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp, issuedBy } from '../http/command-http.js';
import { ApiProblem } from '../http/problem.js';
import { setSessionCookies } from '../sessions/session-cookies.js';
import {
  type CreateAccountBody,
  type OwnPasswordBody,
  columnsBody,
  createAccountBody,
  ownPasswordBody,
  passwordBody,
  updateMeBody,
} from './accounts.dto.js';

const accountIdShape = /^(admin|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Account ids are UUIDs (or `admin`, the bootstrap account); anything else names no account. */
function accountIdParam(id: string): string {
  if (!accountIdShape.test(id)) throw new ApiProblem('NOT_FOUND', 'no such account');
  return id === 'admin' ? id : id.toLowerCase();
}

function profile(account: Pick<Account, 'id' | 'name' | 'email' | 'roles'>) {
  return { id: account.id, name: account.name, email: account.email, roles: account.roles };
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Permit('administer')
  @ApiOperation({ summary: 'Create an account; its token is shown in this response only' })
  @ApiBody({ schema: openApiSchema(createAccountBody) })
  async create(@Body(new ZodBody(createAccountBody)) body: CreateAccountBody, @CommandHttp() http: CommandHttp) {
    const created: CreatedAccount = await this.commands.execute(new CreateAccountCommand(body, issuedBy(http)));
    void http.reply.status(201);
    return { ...profile(created.account), token: created.token };
  }

  @Get()
  @Permit('administer')
  @ApiOperation({ summary: 'List every account (administrators), without tokens or password hashes' })
  async list(): Promise<{ items: AccountListItem[] }> {
    return { items: await this.queries.execute(new ListAccountsQuery()) };
  }

  @Get('me')
  @Permit('self')
  @ApiOperation({ summary: 'The caller, and the time zone the screen shows times in (DISPLAY_TIME_ZONE)' })
  me(@CurrentAccount() account: Account) {
    return { ...profile(account), displayTimeZone: this.config.displayTimeZone };
  }

  @Patch('me')
  @Permit('self')
  @ApiOperation({ summary: 'Register or clear (null) the email that receives notifications' })
  @ApiBody({ schema: openApiSchema(updateMeBody) })
  async updateMe(@Body(new ZodBody(updateMeBody)) body: { email: string | null }, @CommandHttp() http: CommandHttp) {
    const account: Account = await this.commands.execute(
      new RegisterEmailCommand(http.account.id, body.email, issuedBy(http)),
    );
    return profile(account);
  }

  @Get('me/columns')
  @Permit('self')
  columns(@CurrentAccount() account: Account) {
    return { columns: account.columns };
  }

  @Put('me/columns')
  @Permit('self')
  @ApiOperation({ summary: 'Choose the visible list columns and their order' })
  @ApiBody({ schema: openApiSchema(columnsBody) })
  async chooseColumns(@Body(new ZodBody(columnsBody)) body: { columns: string[] }, @CommandHttp() http: CommandHttp) {
    const account: Account = await this.commands.execute(
      new ChooseColumnsCommand(http.account.id, body.columns, issuedBy(http)),
    );
    return { columns: account.columns };
  }

  @Put('me/password')
  @Permit('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the own password (with the current one); every other session ends' })
  @ApiBody({ schema: openApiSchema(ownPasswordBody) })
  async changeOwnPassword(
    @Body(new ZodBody(ownPasswordBody)) body: OwnPasswordBody,
    @Req() request: AuthenticatedRequest,
    @CommandHttp() http: CommandHttp,
  ): Promise<void> {
    const changed: ChangedPassword = await this.commands.execute(
      new ChangeOwnPasswordCommand(
        http.account.id,
        body.current,
        body.password,
        request.sessionId ?? null,
        issuedBy(http),
      ),
    );
    if (changed.outcome === 'throttled') {
      void http.reply.header('retry-after', String(changed.retryAfterSeconds));
      throw new ApiProblem('TOO_MANY_REQUESTS', 'too many wrong current passwords; try again later');
    }
    // The browser that changed it stays signed in, on a new session.
    if (changed.session) setSessionCookies(http.reply, this.config.publicBaseUrl, changed.session);
  }

  @Put(':id/password')
  @Permit('administer')
  @HttpCode(204)
  @ApiOperation({ summary: "Set an account's password (administrators); the account's sessions end" })
  @ApiBody({ schema: openApiSchema(passwordBody) })
  async setPassword(
    @Param('id') id: string,
    @Body(new ZodBody(passwordBody)) body: { password: string },
    @CommandHttp() http: CommandHttp,
  ): Promise<void> {
    await this.commands.execute(new SetAccountPasswordCommand(accountIdParam(id), body.password, issuedBy(http)));
  }
}
