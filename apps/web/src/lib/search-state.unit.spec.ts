import { describe, expect, it } from '@jest/globals';
import { criteriaToParams, searchStateFromParams, searchStateToParams } from './search-state';

describe('search state ↔ URL', () => {
  it('round-trips every criterion, the narrowing, page, page size and sort', () => {
    const state = {
      criteria: {
        from: '2026-11-01T00:00:00+09:00',
        to: '2026-11-30T23:59:59+09:00',
        callCenter: '東京センター',
        businessLabel: '営業',
        agent: '-',
        status: 'incomplete',
        callerNumber: '0312345678',
        ourNumber: '100',
        requestId: 'req-1',
      },
      q: '佐藤　ＡＢＣ',
      page: 3,
      pageSize: 100,
      sort: 'registeredAt' as const,
    };
    const params = searchStateToParams(state);
    expect(searchStateFromParams(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('leaves defaults out of the URL and restores them', () => {
    const params = searchStateToParams({ criteria: {}, q: '', page: 1, pageSize: 50, sort: '-registeredAt' });
    expect(params.toString()).toBe('');
    expect(searchStateFromParams(params)).toEqual({
      criteria: {},
      q: '',
      page: 1,
      pageSize: 50,
      sort: '-registeredAt',
    });
  });

  it('clamps the page size to 200 and ignores malformed numbers and sorts', () => {
    const state = searchStateFromParams(new URLSearchParams('pageSize=1000&page=-2&sort=agent&status=complete'));
    expect(state).toMatchObject({ pageSize: 200, page: 1, sort: '-registeredAt', criteria: { status: 'complete' } });
  });

  it('drops blank criteria and unknown keys', () => {
    const state = searchStateFromParams(new URLSearchParams('callCenter=%20&foo=bar&agent=田中'));
    expect(state.criteria).toEqual({ agent: '田中' });
  });

  it('gives criteria without paging for CSV and 非同期検索', () => {
    expect(criteriaToParams({ status: 'complete' }, 'a b').toString()).toBe('status=complete&q=a+b');
  });
});
