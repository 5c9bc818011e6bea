import { describe, expect, it } from '@jest/globals';
import { expectThrows } from '../shared/decider.spec-helper.js';
import { parseSearchCriteria } from './search-criteria.js';

describe('parseSearchCriteria', () => {
  it('normalises every criterion and leaves out blank ones', () => {
    expect(
      parseSearchCriteria({
        from: '2024-05-01',
        to: '2024-05-31T23:59:59+09:00',
        callCenter: ' 東京 ',
        businessLabel: '',
        agent: '-',
        status: 'incomplete',
        callerNumber: '０９０－１２３４－５６７８',
        ourNumber: '+81 3-0000-0001',
        requestId: 'call-42',
        q: ' 佐藤  至急 ',
        page: '3',
      }),
    ).toEqual({
      from: '2024-05-01',
      to: '2024-05-31T14:59:59.000Z',
      callCenter: '東京',
      agent: '-',
      status: 'incomplete',
      callerNumber: '09012345678',
      ourNumber: '+81300000001',
      requestId: 'call-42',
      q: '佐藤  至急',
    });
  });

  it('gives no criteria for an empty query', () => {
    expect(parseSearchCriteria({})).toEqual({});
    expect(parseSearchCriteria({ from: undefined, status: null })).toEqual({});
  });

  it('refuses bad values, every field at once, with the given prefix', () => {
    expectThrows(
      () =>
        parseSearchCriteria(
          {
            from: '2024/05/01',
            to: '2024-05-01T10:00',
            status: 'open',
            callerNumber: 'abc',
            ourNumber: ['1'],
            callCenter: 'x'.repeat(201),
            q: 'q'.repeat(1_001),
          },
          'criteria.',
        ),
      'VALIDATION_FAILED',
      [
        'criteria.from',
        'criteria.to',
        'criteria.status',
        'criteria.callerNumber',
        'criteria.ourNumber',
        'criteria.callCenter',
        'criteria.q',
      ],
    );
  });

  it.each([
    ['to', { to: '9999-12-31' }],
    ['to', { to: '9999-12-31T23:59:59Z' }],
    ['from', { from: '0000-01-01' }],
    ['from', { from: '0099-06-30T00:00:00+09:00' }],
    ['from', { from: '1999-12-31', to: '2024-05-01' }],
    ['to', { from: '2024-05-01', to: '2101-01-01' }],
  ])('refuses a year outside 2000–2100 naming %s', (field, raw) => {
    const error = expectThrows(() => parseSearchCriteria(raw, 'criteria.'), 'VALIDATION_FAILED', [`criteria.${field}`]);
    expect(error.fieldErrors[0].message).toBe('must be in the years 2000–2100');
  });

  it.each([
    ['2024-05-02', '2024-05-01'],
    ['2024-05-01T10:00:00Z', '2024-05-01T09:59:59Z'],
    ['2024-05-03', '2024-05-01T12:00:00Z'],
    ['2024-05-01T00:00:00Z', '2024-04-29'],
  ])('refuses from %s after to %s', (from, to) => {
    expectThrows(() => parseSearchCriteria({ from, to }), 'VALIDATION_FAILED', ['to']);
  });

  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024-05-01T00:00:00+09:00', '2024-05-01T00:00:00+09:00'],
    // whether these overlap depends on the display time zone, which the HTTP layer applies
    ['2024-05-02', '2024-05-01T20:00:00Z'],
    ['2024-05-01T20:00:00Z', '2024-05-01'],
  ])('accepts from %s to %s', (from, to) => {
    expect(() => parseSearchCriteria({ from, to })).not.toThrow();
  });
});
