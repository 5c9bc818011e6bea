import { Injectable } from '@nestjs/common';
import { type Account, DomainError, type ExistingAsyncSearch } from '#domain';
import { Aggregates } from './aggregates.js';

const asyncSearchIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One async search as `account` may see it: another account (not an admin) never learns it exists. */
@Injectable()
export class VisibleAsyncSearches {
  constructor(private readonly aggregates: Aggregates) {}

  async find(asyncSearchId: string, account: Pick<Account, 'id' | 'roles'>): Promise<ExistingAsyncSearch> {
    const notFound = new DomainError('NOT_FOUND', `no async search ${asyncSearchId}`);
    if (!asyncSearchIdPattern.test(asyncSearchId)) throw notFound;
    const { state } = await this.aggregates.asyncSearches.load(asyncSearchId);
    if (state.status === 'absent' || state.status === 'deleted') throw notFound;
    if (state.request.ownerId !== account.id && !account.roles.includes('admin')) throw notFound;
    return state;
  }
}
