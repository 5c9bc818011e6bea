import { Body, Controller, Get, Inject, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChooseColumnsCommand, CreateAccountCommand, type CreatedAccount, RegisterEmailCommand } from '#application';
import { type Account } from '#domain';
import { APP_CONFIG, type AppConfig } from '#runtime';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp, issuedBy } from '../http/command-http.js';
import { type CreateAccountBody, columnsBody, createAccountBody, updateMeBody } from './accounts.dto.js';

function profile(account: Pick<Account, 'id' | 'name' | 'email' | 'roles'>) {
  return { id: account.id, name: account.name, email: account.email, roles: account.roles };
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
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
}
