/** The list's columns (field names of product.md §1) with the screen's Japanese headers, in default order. */
export const columnLabels = {
  id: 'ID',
  registeredAt: '登録日時',
  receivedAt: '着信日時',
  agent: '担当者',
  status: '対応状況',
  callCenter: 'コールセンター名',
  businessLabel: '業務ラベル名',
  callerNumber: '相手の番号',
  ourNumber: 'こちらの番号',
  requestId: 'リクエストID',
  recording: '録音',
  memo: 'メモ',
} as const;

export type ColumnName = keyof typeof columnLabels;
export const allColumns = Object.keys(columnLabels) as ColumnName[];
export const defaultColumns: ColumnName[] = allColumns.filter((column) => column !== 'receivedAt');

export function isColumnName(name: string): name is ColumnName {
  return Object.hasOwn(columnLabels, name);
}

/** Saved visible columns → the visible list: names this screen does not know are dropped, duplicates too. */
export function visibleColumns(saved: readonly string[] | null | undefined): ColumnName[] {
  if (!saved) return [...defaultColumns];
  const seen = new Set<ColumnName>();
  for (const name of saved) if (isColumnName(name)) seen.add(name);
  return [...seen];
}

export interface ColumnChoice {
  name: ColumnName;
  visible: boolean;
}

/** What the chooser shows: the visible columns in their order, then every other known column, hidden. */
export function columnChoices(saved: readonly string[] | null | undefined): ColumnChoice[] {
  const visible = visibleColumns(saved);
  const hidden = allColumns.filter((column) => !visible.includes(column));
  return [...visible.map((name) => ({ name, visible: true })), ...hidden.map((name) => ({ name, visible: false }))];
}

export function choicesToColumns(choices: readonly ColumnChoice[]): ColumnName[] {
  return choices.filter((choice) => choice.visible).map((choice) => choice.name);
}

/** Moves one entry up (-1) or down (+1); at either end nothing moves. */
export function moveChoice<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}
