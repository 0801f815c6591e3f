/**
 * Where mails go: an SMTP server through nodemailer (`SAMSKAB_SMTP_URL`), or,
 * on a demo server without one, nowhere but the outbox, which `/dev/mail`
 * shows. nodemailer speaks SMTP, STARTTLS and SMTPS, pools connections and
 * builds MIME with attachments; we would only write a poorer copy of it.
 */
import nodemailer from 'nodemailer';
import type { OutboxMail } from './outbox.js';

/** Sends one mail, or throws; `permanent` on the error says a retry cannot help. */
export interface Transport {
  /** How the start-up message and `/dev/mail` describe it. */
  readonly kind: 'smtp' | 'kept';
  send(mail: OutboxMail): Promise<void>;
  close(): void;
}

/** An SMTP answer that no retry will change (5xx: no such mailbox, refused). */
export class PermanentMailError extends Error {}

/** A transport over the SMTP server at `url` (`smtp://` or `smtps://`, credentials in the URL). */
export function smtpTransport(url: string, from: string): Transport {
  // One kept-open connection for the worker's mails rather than a new one,
  // with its greeting and sign-in, for each.
  const pooled = new URL(url);
  if (!pooled.searchParams.has('pool')) pooled.searchParams.set('pool', 'true');
  // Timeouts well inside the outbox's lease (LEASE_MS for LEASE_BATCH mails),
  // so no stalled exchange outlives it and lets another worker send the same mail.
  pooled.searchParams.set('connectionTimeout', '10000');
  pooled.searchParams.set('greetingTimeout', '10000');
  pooled.searchParams.set('socketTimeout', '30000');
  const transporter = nodemailer.createTransport(pooled.href, { from });
  // Message ids are made on the sender's own domain, as RFC 5322 asks.
  const host = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'samskab.invalid';
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        await transporter.sendMail({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
          // The same id on every attempt: a mail sent twice (a crash right after
          // the server took it) is one message to the recipient's mail system.
          messageId: `<${mail.id}@${host}>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const message = error instanceof Error ? error.message : String(error);
        if (code !== undefined && code >= 500 && code < 600) throw new PermanentMailError(message);
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}

/** A demo server's transport: a mail is "sent" by being kept for `/dev/mail`. */
export const keptTransport: Transport = {
  kind: 'kept',
  async send() {},
  close() {},
};
