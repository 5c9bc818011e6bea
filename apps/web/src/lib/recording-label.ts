/** あり / 期限切れ (unlinked by the recording cap) / なし, as the list's 録音 column shows it. */
export function recordingLabel(view: { recording: string | null; recordingExpired?: boolean }): string {
  if (view.recording) return 'あり';
  return view.recordingExpired ? '期限切れ' : 'なし';
}
