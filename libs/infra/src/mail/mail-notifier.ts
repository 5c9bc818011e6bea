import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type Handlebars from 'handlebars';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { writeFileAtomically } from '../shared/atomic-file.js';
import { type ZonedTimeFormatter, zonedTimeFormatter } from '#read-store';

export interface MailNotifierConfig {
  /** `SMTP_URL`, e.g. `smtp://mailcatcher:1025`; absent ⇒ `.eml` files in `<dataDir>/outbox`. */
  smtpUrl?: string;
  /** Extra SMTP options (e.g. `ignoreTLS`), merged over those the URL gives. */
  smtpOptions?: SMTPTransport.Options;
  dataDir: string;
  /** `MAIL_FROM`. */
  mailFrom?: string;
  /** `PUBLIC_BASE_URL`: links in mails point here. */
  publicBaseUrl: string;
  /** `DISPLAY_TIME_ZONE`: the request time is shown in it. */
  timeZone: string;
  /** Where `async-search-finished.{subject,text,html}.hbs` are. Default `<cwd>/config/mail`. */
  templateDir?: string;
}

export interface AsyncSearchFinishedMail {
  to: string;
  /** ISO-8601 instant (as stored) or a Date. */
  requestedAt: string | Date;
  status: 'succeeded' | 'failed';
  memo: string | null;
  /** Rows in the CSV; shown when succeeded. */
  rowCount: number | null;
  asyncSearchId: string;
}

export interface SentMail {
  messageId: string;
  /** The `.eml` file written when no SMTP server is configured. */
  outboxFile?: string;
}

export const DEFAULT_MAIL_FROM = 'Orikaeshi <no-reply@orikaeshi.local>';
const STATUS_LABELS = { succeeded: '正常終了', failed: '異常終了' } as const;

interface Templates {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
}

/**
 * Mails the owner of an asynchronous search when it finishes. The CSV is never attached: the mail
 * carries the request time and a link to the asynchronous-search screen (as a link in the HTML part
 * and as plain text in both parts, for clients that cannot click). Subject and bodies are handlebars
 * templates from `config/mail`, compiled once in `create`.
 */
export class MailNotifier {
  private readonly time: ZonedTimeFormatter;

  private constructor(
    private readonly config: MailNotifierConfig,
    private readonly templates: Templates,
    private readonly transport: Transporter,
    private readonly outboxDir: string | null,
  ) {
    this.time = zonedTimeFormatter(config.timeZone);
  }

  static async create(config: MailNotifierConfig): Promise<MailNotifier> {
    // Imported here, not with the library: only the process (or thread) that sends mail loads them.
    const [{ default: nodemailer }, { default: handlebars }] = await Promise.all([
      import('nodemailer'),
      import('handlebars'),
    ]);
    const templates = await compileTemplates(handlebars, config.templateDir ?? resolve(process.cwd(), 'config/mail'));
    new URL(config.publicBaseUrl); // fail at start, not in the first mail, on a bad PUBLIC_BASE_URL
    if (config.smtpUrl) {
      const transport = nodemailer.createTransport({ url: config.smtpUrl, ...config.smtpOptions });
      return new MailNotifier(config, templates, transport, null);
    }
    const outboxDir = join(config.dataDir, 'outbox');
    await mkdir(outboxDir, { recursive: true });
    // The stream transport renders the complete RFC 5322 message into a buffer instead of sending it.
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    return new MailNotifier(config, templates, transport, outboxDir);
  }

  /** The asynchronous-search screen. */
  screenUrl(): string {
    return `${this.config.publicBaseUrl.replace(/\/+$/, '')}/async-searches`;
  }

  async sendAsyncSearchFinished(mail: AsyncSearchFinishedMail): Promise<SentMail> {
    const requestedAt =
      typeof mail.requestedAt === 'string'
        ? (this.time.format(mail.requestedAt) ?? mail.requestedAt)
        : this.time.formatDate(mail.requestedAt);
    const context = {
      requestedAt,
      timeZone: this.config.timeZone,
      memo: mail.memo ?? '',
      status: mail.status,
      statusLabel: STATUS_LABELS[mail.status],
      succeeded: mail.status === 'succeeded',
      rowCount: mail.rowCount === null ? '' : mail.rowCount.toLocaleString('ja-JP'),
      asyncSearchId: mail.asyncSearchId,
      url: this.screenUrl(),
    };
    // Header injection guard: a subject is one line whatever a template or memo puts in it.
    const subject = this.templates
      .subject(context)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim();
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom ?? DEFAULT_MAIL_FROM,
      to: mail.to,
      subject,
      text: this.templates.text(context),
      html: this.templates.html({ ...context, subject }),
      headers: { 'X-Orikaeshi-Async-Search-Id': mail.asyncSearchId },
    })) as { messageId: string; message?: Buffer };
    if (this.outboxDir === null) return { messageId: info.messageId };

    const outboxFile = join(this.outboxDir, `${Date.now()}-${mail.asyncSearchId.replace(/[^A-Za-z0-9-]/g, '_')}.eml`);
    await writeFileAtomically(outboxFile, info.message ?? Buffer.alloc(0));
    return { messageId: info.messageId, outboxFile };
  }

  close(): void {
    this.transport.close();
  }
}

async function compileTemplates(handlebars: typeof Handlebars, templateDir: string): Promise<Templates> {
  const load = async (part: 'subject' | 'text' | 'html') => {
    const path = join(templateDir, `async-search-finished.${part}.hbs`);
    const source = await readFile(path, 'utf8').catch((error: Error) => {
      throw new Error(`mail template missing or unreadable: ${path} (${error.message})`);
    });
    // compile() defers parsing to the first mail; parse now so a broken template stops the start.
    handlebars.parse(source);
    // Only the HTML part is HTML: escaping the subject or text part would show `&amp;` to the reader.
    return handlebars.compile(source, { noEscape: part !== 'html', strict: true });
  };
  const [subject, text, html] = await Promise.all([load('subject'), load('text'), load('html')]);
  return { subject, text, html };
}
