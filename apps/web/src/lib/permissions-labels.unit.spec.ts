import { describe, expect, it } from '@jest/globals';
import { describeEvent, roleNames } from './labels';
import { can } from './permissions';

describe('roles on the screen', () => {
  it('lets agents work callbacks but not read history or stats', () => {
    expect(can(['agent'], 'work')).toBe(true);
    expect(can(['agent'], 'readHistory')).toBe(false);
    expect(can(['agent'], 'readStats')).toBe(false);
  });

  it('lets auditors read history but change nothing', () => {
    expect(can(['auditor'], 'readHistory')).toBe(true);
    expect(can(['auditor'], 'work')).toBe(false);
  });

  it('combines several roles and knows no rights without a role', () => {
    expect(can(['analyst', 'agent'], 'readStats')).toBe(true);
    expect(can([], 'search')).toBe(false);
  });

  it('names roles and history events in Japanese', () => {
    expect(roleNames(['supervisor', 'admin'])).toBe('スーパーバイザー・管理者');
    expect(describeEvent({ type: 'AgentAssigned', data: { agent: '佐藤' } })).toBe('担当者を「佐藤」に割り当てました');
    expect(describeEvent({ type: 'MemoEdited', data: { memo: '' } })).toBe('メモを消去しました');
  });
});
