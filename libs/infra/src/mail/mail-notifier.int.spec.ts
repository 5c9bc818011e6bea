import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { MailNotifier, type AsyncSearchFinishedMail } from './mail-notifier.js';

const finished: AsyncSearchFinishedMail = {
  to: '山田 <yamada@example.jp>',
  requestedAt: '2025-01-02T03:04:05.000Z', // 12:04:05 in Tokyo
  status: 'succeeded',
  memo: '1月分の未完了 <要確認> & 請求',
  rowCount: 123456,
  asyncSearchId: 'as-0001',
};

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'orikaeshi-mail-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

function expectTheNotification(mail: ParsedMail): void {
  expect(mail.subject).toBe('【Orikaeshi】非同期検索が正常終了しました');
  expect(mail.from?.value).toEqual([{ address: 'no-reply@orikaeshi.local', name: 'Orikaeshi' }]);
  expect(mail.attachments).toEqual([]);
  const url = 'https://orikaeshi.example.jp/async-searches';
  // Text part: request time in the display zone, memo verbatim (no HTML escaping), the URL plain.
  expect(mail.text).toContain('依頼日時: 2025-01-02 12:04:05（Asia/Tokyo）');
  expect(mail.text).toContain('検索メモ: 1月分の未完了 <要確認> & 請求');
  expect(mail.text).toContain('状態: 正常終了');
  expect(mail.text).toContain('件数: 123,456 件');
  expect(mail.text).toContain(url);
  // HTML part: a real link plus the same URL as text, the memo escaped.
  expect(mail.html).toContain(`<a href="${url}">`);
  expect(mail.html).toMatch(new RegExp(`<br />${url.replace(/[./]/g, '\\$&')}`));
  expect(mail.html).toContain('1月分の未完了 &lt;要確認&gt; &amp; 請求');
}

describe('MailNotifier over SMTP', () => {
  const received: ParsedMail[] = [];
  let server: SMTPServer;
  let notifier: MailNotifier;

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    notifier = await MailNotifier.create({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      smtpOptions: { ignoreTLS: true },
      dataDir,
      publicBaseUrl: 'https://orikaeshi.example.jp/',
      timeZone: 'Asia/Tokyo',
    });
  });
  afterAll(async () => {
    notifier.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the templated notification: subject, request time, link in both parts, no attachment', async () => {
    await notifier.sendAsyncSearchFinished(finished);

    expect(received).toHaveLength(1);
    expectTheNotification(received[0]);
    expect(received[0].to).toMatchObject({ value: [{ address: 'yamada@example.jp', name: '山田' }] });
    expect(received[0].headers.get('x-orikaeshi-async-search-id')).toBe('as-0001');
  });

  it('says 異常終了 and offers the re-run when the search failed', async () => {
    await notifier.sendAsyncSearchFinished({ ...finished, status: 'failed', rowCount: null, memo: null });

    const mail = received.at(-1)!;
    expect(mail.subject).toBe('【Orikaeshi】非同期検索が異常終了しました');
    expect(mail.text).toContain('状態: 異常終了');
    expect(mail.text).toContain('検索メモ: （なし）');
    expect(mail.text).toContain('再実行');
    expect(mail.text).not.toContain('件数');
  });
});

describe('MailNotifier without SMTP', () => {
  it('writes the message as an .eml file into <DATA_DIR>/outbox', async () => {
    const notifier = await MailNotifier.create({
      dataDir,
      publicBaseUrl: 'https://orikaeshi.example.jp',
      timeZone: 'Asia/Tokyo',
    });
    const { outboxFile } = await notifier.sendAsyncSearchFinished(finished);

    expect(await readdir(join(dataDir, 'outbox'))).toEqual([expect.stringMatching(/^\d+-as-0001\.eml$/)]);
    expect(outboxFile).toBe(join(dataDir, 'outbox', (await readdir(join(dataDir, 'outbox')))[0]));
    const raw = await readFile(outboxFile!);
    expect(raw.toString('latin1')).toContain('\r\n'); // RFC 5322 line endings, openable by mail clients
    expectTheNotification(await simpleParser(raw));
  });

  it('refuses to start without its templates', async () => {
    await expect(
      MailNotifier.create({ dataDir, publicBaseUrl: 'https://x.jp', timeZone: 'Asia/Tokyo', templateDir: dataDir }),
    ).rejects.toThrow(/mail template missing or unreadable: .*async-search-finished\.(subject|text|html)\.hbs/);
  });
});
