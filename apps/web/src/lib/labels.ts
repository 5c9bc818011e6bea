/** Japanese words of the screen for the API's values (glossary of product.md). */
export const statusLabels: Record<string, string> = { incomplete: '未完了', complete: '完了' };

export const asyncStatusLabels: Record<string, string> = {
  pending: '未処理',
  processing: '処理中',
  succeeded: '正常終了',
  failed: '異常終了',
  expired: '期限切れ',
};

export const roleLabels: Record<string, string> = {
  integration: '連携',
  agent: 'オペレーター',
  supervisor: 'スーパーバイザー',
  auditor: '監査',
  analyst: '分析',
  admin: '管理者',
};

export const groupByLabels: Record<string, string> = {
  callCenter: 'コールセンター名',
  businessLabel: '業務ラベル名',
  agent: '担当者',
  day: '日付',
};

interface HistoryEvent {
  type: string;
  data: Record<string, unknown>;
}

/** One history event told in Japanese. */
export function describeEvent(event: HistoryEvent): string {
  switch (event.type) {
    case 'CallbackRegistered':
      return '折り返し呼を登録しました';
    case 'AgentAssigned':
      return `担当者を「${String(event.data.agent ?? '')}」に割り当てました`;
    case 'AgentUnassigned':
      return '担当者の割り当てを解除しました';
    case 'CallbackCompleted':
      return '完了にしました';
    case 'CallbackReopened':
      return '未完了に戻しました';
    case 'MemoEdited':
      return event.data.memo ? 'メモを編集しました' : 'メモを消去しました';
    case 'RecordingLinked':
      return '録音を登録しました';
    case 'RecordingExpired':
      return '録音が上限を超えたため期限切れになりました';
    default:
      return `${event.type}`;
  }
}

export function roleNames(roles: readonly string[]): string {
  return roles.map((role) => roleLabels[role] ?? role).join('・');
}
