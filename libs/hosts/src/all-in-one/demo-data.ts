/** Vocabulary of the demo set: what a Japanese call center's callback list looks like. */
export const demoCallCenters = [
  '東京第一コールセンター',
  '大阪サポートセンター',
  '札幌センター',
  '福岡カスタマーセンター',
];

export const demoBusinessLabels = ['製品サポート', '請求・お支払い', '解約受付', '新規お申し込み', '配送状況', null];

export const demoAgents = [
  '佐藤 美咲',
  '鈴木 健太',
  '高橋 愛',
  '田中 翔',
  '伊藤 さくら',
  '渡辺 大輔',
  '山本 陽菜',
  '中村 蓮',
];

export const demoOurNumbers = [
  '0120-123-456',
  '0120-987-654',
  '03-5555-0101',
  '06-6666-0202',
  '011-222-0303',
  '092-333-0404',
];

export const demoMemos = [
  '午後3時以降の折り返しを希望。',
  '請求書の再発行について。前回の担当は佐藤。',
  '不在のため留守電にメッセージを残した。明日再度連絡。',
  '解約理由：料金。引き止めオファーを案内済み。',
  '配送先住所の変更希望。伝票番号 1234-5678-9012。',
  'ログインできないとの問い合わせ。パスワード再設定を案内予定。',
  '折り返し不要との連絡あり（SMSで解決済み）。',
  '英語対応希望 (English speaker)。',
  '至急！製品が動作しない。型番 ＸＹ－２０００。',
  'お客様より「平日10時〜12時」に連絡がほしいとのこと。',
];

/** A small deterministic generator, so every demo data dir looks the same. */
export class DemoRandom {
  constructor(private state = 20261124) {}

  next(): number {
    // Park–Miller minimal standard generator.
    this.state = (this.state * 48271) % 2147483647;
    return this.state / 2147483647;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  digits(count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += Math.floor(this.next() * 10);
    return text;
  }
}

export function demoCallerNumber(random: DemoRandom): string | null {
  if (random.chance(0.06)) return null; // 非通知
  return random.chance(0.7)
    ? `090-${random.digits(4)}-${random.digits(4)}`
    : `03-${random.digits(4)}-${random.digits(4)}`;
}
