import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { InProcessExportQueue } from '#infra';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually } from '../support/eventually.js';

describe('notification mail when an asynchronous search finishes (real SMTP server in-process)', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const received: ParsedMail[] = [];
  let refuseNext = 0;

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (refuseNext > 0) {
            refuseNext -= 1;
            return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
          }
          void simpleParser(Buffer.concat(chunks)).then((mail) => received.push(mail));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_BASE_URL: 'https://orikaeshi.example' },
      dispatchQueue: new InProcessExportQueue({ backoffMs: 20 }),
    });
  });

  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  const finishedEvents = (id: string) =>
    eventually(async () => {
      const types = (await t.eventStore.readStream(`asyncsearch-${id}`)).map((event) => event.type);
      return types.includes('AsyncSearchOwnerNotified') ? types : undefined;
    }, 'owner notified');

  it('sends one mail per finished search to an owner who asked: template subject, request time, link, no attachment', async () => {
    const owner = await t.createAccount(['supervisor'], '通知 太郎', 'owner@example.com');
    const silent = await owner.client.post('/async-searches', { criteria: {} });
    const { body } = await owner.client.post('/async-searches', { criteria: {}, notify: true, memo: '週報用' });
    expect(body.status).toBe('pending');
    await finishedEvents(body.id);
    await eventually(() => received.length === 1, 'mail received');
    expect((await owner.client.get(`/async-searches/${silent.body.id}`)).body.status).toBe('succeeded');

    const [mail] = received;
    expect(mail.subject).toBe('【Orikaeshi】非同期検索が正常終了しました');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('owner@example.com');
    expect(mail.attachments).toEqual([]);
    const jst = new Date(Date.parse(body.requestedAt) + 9 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(mail.text).toContain(jst);
    expect(mail.text).toContain('週報用');
    expect(mail.text).toContain('https://orikaeshi.example/async-searches');
    expect(mail.html).toContain('href="https://orikaeshi.example/async-searches"');
  });

  it('records a failed mail, keeps the search succeeded, and sends it on the retry', async () => {
    const before = received.length;
    refuseNext = 1;
    const owner = await t.createAccount(['agent'], '再送 花子', 'retry@example.com');
    const { body } = await owner.client.post('/async-searches', { criteria: {}, notify: true });
    const types = await finishedEvents(body.id);
    expect(types).toEqual([
      'AsyncSearchRequested',
      'AsyncSearchStarted',
      'AsyncSearchSucceeded',
      'AsyncSearchNotificationFailed',
      'AsyncSearchOwnerNotified',
    ]);
    expect((await owner.client.get(`/async-searches/${body.id}`)).body.status).toBe('succeeded');
    await eventually(() => received.length === before + 1, 'the retried mail');
  });
});
