import { describe, expect, it } from '@jest/globals';
import { choicesToColumns, columnChoices, defaultColumns, moveChoice, visibleColumns } from './columns';

describe('list columns', () => {
  it('shows every column but 着信日時 by default', () => {
    expect(defaultColumns).not.toContain('receivedAt');
    expect(defaultColumns).toHaveLength(11);
    expect(visibleColumns(undefined)).toEqual(defaultColumns);
  });

  it('keeps the saved order and drops columns this screen does not know', () => {
    expect(visibleColumns(['memo', 'legacyColumn', 'id', 'memo'])).toEqual(['memo', 'id']);
  });

  it('offers the columns missing from the saved list as hidden choices after the visible ones', () => {
    const choices = columnChoices(['status', 'id']);
    expect(choices.slice(0, 3)).toEqual([
      { name: 'status', visible: true },
      { name: 'id', visible: true },
      { name: 'registeredAt', visible: false },
    ]);
    expect(choices).toHaveLength(12);
    expect(choicesToColumns(choices)).toEqual(['status', 'id']);
  });

  it('moves a column up or down and refuses to move past either end', () => {
    expect(moveChoice(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveChoice(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveChoice(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveChoice(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
