import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/server/http/security-headers.js';
import { OWN, tempDir, testApp } from './support.js';

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html";

describe('demo page', () => {
  it('is a Danish page under the strict CSP, with both widgets and the bundle', async () => {
    const { app } = await testApp();
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toBe(STRICT_CSP);
    expect(PAGE_CSP).toBe(STRICT_CSP);
    const page = await res.text();
    expect(page).toContain('<html lang="da">');
    expect(page).toContain('<script type="module" src="/samskab.js"></script>');
    expect(page).toContain(
      '<samskab-signup-form activity="besoegsven" privacy-url="/privatliv"></samskab-signup-form>',
    );
    expect(page).toContain('<samskab-signup-form privacy-url="/privatliv"></samskab-signup-form>');
  });

  it('shows beside each widget the snippet to paste, with the server’s absolute origin', async () => {
    const { app } = await testApp();
    const page = await (await app.request('https://samskab.eksempel.dk/')).text();
    const snippets = [...page.matchAll(/<pre tabindex="0"><code>([\s\S]*?)<\/code><\/pre>/g)].map(
      (m) => m[1]!.split('\n').slice(0, 2),
    );
    const script =
      '&lt;script type=&quot;module&quot; src=&quot;https://samskab.eksempel.dk/samskab.js&quot;&gt;&lt;/script&gt;';
    expect(snippets).toEqual([
      [
        script,
        '&lt;samskab-signup-form activity=&quot;besoegsven&quot; privacy-url=&quot;/privatliv&quot;&gt;&lt;/samskab-signup-form&gt;',
      ],
      [
        script,
        '&lt;samskab-signup-form privacy-url=&quot;/privatliv&quot;&gt;&lt;/samskab-signup-form&gt;',
      ],
      [
        script,
        '&lt;samskab-shift-calendar activity=&quot;lektiecafe&quot; privacy-url=&quot;/privatliv&quot;&gt;&lt;/samskab-shift-calendar&gt;',
      ],
      [
        script,
        '&lt;samskab-reflection-prompt activity=&quot;besoegsven&quot;&gt;&lt;/samskab-reflection-prompt&gt;',
      ],
    ]);
    // Each widget is on the page just as its snippet says.
    expect(page).toContain(
      '<samskab-shift-calendar activity="lektiecafe" privacy-url="/privatliv"></samskab-shift-calendar>',
    );
  });

  it('escapes a forwarded host that reaches the snippet, or refuses it', async () => {
    // The URL parser turns away `<` and `>` in a host but lets `"` through, so
    // a proxy passing on a client's Host would put this in every snippet.
    const { app } = await testApp({ trustProxy: true });
    const page = await (
      await app.request('/', { headers: { 'X-Forwarded-Host': 'x"onload=alert(1)' } })
    ).text();
    expect(page).not.toContain('"onload=');
    const script = (origin: string) =>
      `&lt;script type=&quot;module&quot; src=&quot;${origin}/samskab.js&quot;&gt;&lt;/script&gt;`;
    // Escaped twice: in the snippet's attribute a webmaster pastes, and as text on this page.
    expect([script('http://x&amp;quot;onload=alert(1)'), script(OWN)]).toContain(
      /<pre tabindex="0"><code>(.*)\n/.exec(page)?.[1],
    );
  });

  it('has no inline style or script anywhere', async () => {
    const { app } = await testApp();
    for (const path of ['/', '/privatliv']) {
      const page = await (await app.request(path)).text();
      expect(page).not.toMatch(/<style|style=|<script(?![^>]*\bsrc=)|\bon[a-z]+=/i);
    }
  });

  it('serves a privacy notice in Danish that says no cookies are used', async () => {
    const { app } = await testApp();
    const res = await app.request('/privatliv');
    expect(res.headers.get('Content-Security-Policy')).toBe(STRICT_CSP);
    const page = await res.text();
    expect(page).toContain('cookies');
    expect(page).toContain('Datatilsynet');
    expect(page).toContain('senest 12 måneder efter, at du meldte dig');
  });

  it('states the configured retention period, not a fixed one', async () => {
    for (const [months, said] of [
      [6, '6 måneder'],
      [1, '1 måned'],
    ] as const) {
      const { app } = await testApp({ retentionMonths: months });
      const page = await (await app.request('/privatliv')).text();
      expect(page).toContain(`senest ${said} efter, at du meldte dig`);
      expect(page).toContain(`senest ${said} efter vagten`);
      expect(page).not.toContain('12 måneder');
    }
  });

  it('serves its stylesheet as CSS with an ETag, and 304 when unchanged', async () => {
    const { app } = await testApp();
    const res = await app.request('/demo.css');
    expect(res.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    const etag = res.headers.get('ETag')!;
    expect(await res.text()).toContain('#1a3b5d');
    const again = await app.request('/demo.css', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('widget bundle', () => {
  it('answers 503 telling to build when the bundle is missing', async () => {
    const { app } = await testApp({ widgetsDir: join(tempDir(), 'empty') });
    const res = await app.request('/samskab.js');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });

  it('serves the bundle to any site, revalidated by ETag', async () => {
    const widgetsDir = tempDir();
    mkdirSync(widgetsDir, { recursive: true });
    writeFileSync(join(widgetsDir, 'samskab.js'), 'export const æøå = "Søren";\n');
    writeFileSync(join(widgetsDir, 'samskab.js.map'), '{"version":3}');
    const { app } = await testApp({ widgetsDir });

    const res = await app.request('/samskab.js');
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    expect(await res.text()).toBe('export const æøå = "Søren";\n');

    const etag = res.headers.get('ETag')!;
    const cached = await app.request('/samskab.js', { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');

    writeFileSync(join(widgetsDir, 'samskab.js'), 'export const rebuilt = true;\n');
    const rebuilt = await app.request('/samskab.js', { headers: { 'If-None-Match': etag } });
    expect(rebuilt.status).toBe(200);

    expect((await app.request('/samskab.js.map')).status).toBe(200);
  });
});
