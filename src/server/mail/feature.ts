/**
 * The outbox seen from outside: the admin's list of mails given up on (and a
 * retry), and on a demo server without SMTP the page `/dev/mail` that shows
 * what would have been sent, behind the admin's sign-in, since mails name
 * people.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { FeatureFactory } from '../feature.js';
import type { AppEnv } from '../http/env.js';
import { apiError } from '../http/errors.js';
import { requireAdmin, requireWrite } from '../http/principal.js';
import { PAGE_CSP } from '../http/security-headers.js';
import { page } from '../pages/layout.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

export const mailFeature: FeatureFactory = ({ mail, auth, audit, clock, demo }) => {
  // Mail to anyone about any activity: the admin's alone.
  const api = new Hono<AppEnv>()
    .get('/mail/failed', auth.bearer, async (c) => {
      requireAdmin(c);
      const failed = await mail.outbox.failedMails();
      if (failed.length > 0) {
        await audit.record(c, {
          action: 'view',
          subject: 'mail',
          subjectId: failed.map((m) => m.id).join(' '),
          detail: 'API',
        });
      }
      return c.json(failed, 200, NO_STORE);
    })
    .post('/mail/failed/:id/retry', auth.bearer, async (c) => {
      requireAdmin(c);
      requireWrite(c);
      if (!(await mail.outbox.retry(c.req.param('id'), clock())))
        throw apiError(404, 'error.notFound');
      mail.afterCommit();
      return c.body(null, 204);
    });

  const pages = new Hono<AppEnv>();
  if (demo && mail.transport === 'kept') {
    pages.get('/dev/mail', auth.basic, async (c) => {
      const mails = await mail.outbox.all();
      const body = html`<main class="page">
<h1>Post fra demoserveren</h1>
<p>Serveren har ingen SMTP-server (<code>SAMSKAB_SMTP_URL</code>), så dens post sendes ikke, men vises her, nyeste først. / The server has no SMTP server, so its mail is shown here instead of sent, newest first.</p>
${
  mails.length === 0
    ? html`<p>Ingen post endnu. / No mail yet.</p>`
    : mails.map(
        (m) => html`<article class="mail" lang="da">
<h2>${m.subject}</h2>
<dl>
<dt>Til / to</dt><dd>${m.to}</dd>
<dt>Skrevet / written</dt><dd><time datetime="${new Date(m.createdAt).toISOString()}">${new Date(m.createdAt).toISOString()}</time></dd>
<dt>Slags / kind</dt><dd>${m.kind}</dd>
${m.attachments?.length ? html`<dt>Vedhæftet / attached</dt><dd>${m.attachments.map((a) => a.filename).join(', ')}</dd>` : ''}
</dl>
<pre>${m.text}</pre>
</article>`,
      )
}
</main>`;
      return c.html(
        page({ lang: 'da', title: 'Post fra demoserveren – Samskab', noindex: true, body }),
        200,
        { 'Content-Security-Policy': PAGE_CSP, ...NO_STORE },
      );
    });
  }
  return { api, pages };
};
