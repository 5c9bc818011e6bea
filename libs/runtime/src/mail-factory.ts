import { MailNotifier } from '#infra';
import type { AppConfig } from './config.js';

/** Notification mails: SMTP when `SMTP_URL` is set, else `.eml` files in `<DATA_DIR>/outbox`. */
export function openMailNotifier(
  config: AppConfig,
  options: Partial<Pick<Parameters<typeof MailNotifier.create>[0], 'smtpOptions' | 'templateDir'>> = {},
): Promise<MailNotifier> {
  return MailNotifier.create({
    smtpUrl: config.smtpUrl ?? undefined,
    dataDir: config.dataDir,
    mailFrom: config.mailFrom,
    publicBaseUrl: config.publicBaseUrl,
    timeZone: config.displayTimeZone,
    ...options,
  });
}
