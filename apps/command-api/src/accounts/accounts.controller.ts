import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Account, accountDecider, streamNames } from '#domain';
import { CLOCK, type Clock } from '#runtime';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { AccountProvisioner, activeAccount } from '../auth/account-provisioner.js';
import { CommandGateway } from '../commands/command-gateway.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp } from '../http/command-http.js';
import { type CreateAccountBody, columnsBody, createAccountBody, updateMeBody } from './accounts.dto.js';

function profile(account: Pick<Account, 'id' | 'name' | 'email' | 'roles'>) {
  return { id: account.id, name: account.name, email: account.email, roles: account.roles };
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly provisioner: AccountProvisioner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Permit('administer')
  @ApiOperation({ summary: 'Create an account; its token is shown in this response only' })
  @ApiBody({ schema: openApiSchema(createAccountBody) })
  async create(@Body(new ZodBody(createAccountBody)) body: CreateAccountBody, @CommandHttp() http: CommandHttp) {
    const created = await this.provisioner.create({ accountId: randomUUID(), ...body }, http);
    void http.reply.status(201);
    return { ...profile(created.account), token: created.token };
  }

  @Get('me')
  @Permit('self')
  me(@CurrentAccount() account: Account) {
    return profile(account);
  }

  @Patch('me')
  @Permit('self')
  @ApiOperation({ summary: 'Register or clear (null) the email that receives notifications' })
  @ApiBody({ schema: openApiSchema(updateMeBody) })
  async updateMe(@Body(new ZodBody(updateMeBody)) body: { email: string | null }, @CommandHttp() http: CommandHttp) {
    const outcome = await this.commands.run(
      streamNames.account(http.account.id),
      accountDecider,
      { type: 'RegisterEmail', email: body.email, now: this.clock.now() },
      http,
    );
    return profile(activeAccount(outcome.state));
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
    const outcome = await this.commands.run(
      streamNames.account(http.account.id),
      accountDecider,
      { type: 'ChooseColumns', columns: body.columns, now: this.clock.now() },
      http,
    );
    return { columns: activeAccount(outcome.state).columns };
  }
}
