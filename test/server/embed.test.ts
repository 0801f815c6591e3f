import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbedOptions, type EmbedPapers } from '../../src/schemas/embed.js';
import { createApp } from '../../src/server/app.js';
import { WIDGETS } from '../../src/server/embed/catalogue.js';
import { checkColours, contrast } from '../../src/server/embed/contrast.js';
import { embedFeature } from '../../src/server/embed/feature.js';
import { reserveCss, themeCss } from '../../src/server/embed/snippet.js';
import { ADMIN_TOKEN, demoDb, OWN, tempDir } from './support.js';

const MUNICIPALITY = 'https://www.eksempel.dk';

/** An app with the embed feature over a fresh database and a fake build of `bundle`. */
async function embedApp(bundle = 'console.log("samskab v1");') {
  const dir = tempDir();
  const widgetsDir = join(dir, 'widgets');
  mkdirSync(widgetsDir);
  const build = (source: string) => {
    writeFileSync(join(widgetsDir, 'samskab.js'), source);
    writeFileSync(
      join(widgetsDir, 'samskab-en.js'),
      `export const en = ${JSON.stringify(source)};`,
    );
  };
  build(bundle);
  const { db } = await demoDb();
  const { app } = await createApp({
    db,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: [MUNICIPALITY],
    widgetsDir,
    dataDir: join(dir, 'data'),
    features: [embedFeature],
  });
  return { app, build, widgetsDir };
}

async function papers(app: Awaited<ReturnType<typeof embedApp>>['app'], query: string) {
  const response = await app.request(`/embed/papers?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as EmbedPapers;
}

describe('the embed configurator', () => {
  it('serves a Danish page with the server’s activities under the strict page CSP', async () => {
    const { app } = await embedApp();
    const response = await app.request('/embed');
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(text).toContain('<html lang="da">');
    expect(text).toContain('Besøgsven');
    expect(text).toContain(`&lt;samskab-signup-form&gt;&lt;/samskab-signup-form&gt;`);
  });

  it('makes the script snippet, the iframe fallback and the plain link for the chosen options', async () => {
    const { app } = await embedApp();
    const result = await papers(app, 'widget=shift-calendar&activity=lektiecafe&view=week&lang=en');
    expect(result.script).toBe(
      [
        `<script type="module" src="${OWN}/samskab.js"></script>`,
        '<samskab-shift-calendar activity="lektiecafe" view="week" lang="en"></samskab-shift-calendar>',
        `<noscript><a href="${OWN}/embed/shift-calendar?activity=lektiecafe&amp;view=week&amp;lang=en">See open shifts</a></noscript>`,
      ].join('\n'),
    );
    expect(result.iframe).toContain(
      `<iframe src="${OWN}/embed/shift-calendar?activity=lektiecafe&amp;view=week&amp;lang=en" title="See open shifts"`,
    );
    expect(result.iframe).toContain(`<script src="${OWN}/embed/resize.js" async></script>`);
    expect(result.csp.map((n) => `${n.directive} ${n.sources}`)).toEqual([
      `script-src ${OWN}`,
      `connect-src ${OWN}`,
      "trusted-types lit-html 'allow-duplicates'",
    ]);
  });

  it('says in the privacy text when each widget’s data is erased', async () => {
    const { app } = await embedApp();
    expect((await papers(app, 'widget=signup-form')).privacy).toContain(
      'De slettes 12 måneder efter, at du gav dem, eller før',
    );
    // A claim is needed until the shift is over: it is pruned that long after the shift.
    expect((await papers(app, 'widget=shift-calendar')).privacy).toContain(
      'De slettes 12 måneder efter vagten, eller før',
    );
    expect((await papers(app, 'widget=shift-calendar&lang=en')).privacy).toContain(
      'It is erased 12 months after the shift, or sooner',
    );
  });

  it('pins a versioned bundle whose integrity hash matches the bytes it serves', async () => {
    const { app } = await embedApp();
    const result = await papers(app, 'widget=signup-form');
    const [, src, integrity] =
      /src="[^"]*(\/v\/[\w-]+\/samskab\.js)" integrity="([^"]+)" crossorigin="anonymous"/.exec(
        result.versioned,
      ) ?? [];
    const served = await app.request(src!);
    expect(served.status).toBe(200);
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(`sha384-${createHash('sha384').update(bytes).digest('base64')}`).toBe(integrity);
    // The English messages the bundle loads beside itself come from the same version.
    expect((await app.request(src!.replace('samskab.js', 'samskab-en.js'))).status).toBe(200);
  });

  it('keeps serving an old version after the next build', async () => {
    const { app, build } = await embedApp('console.log("v1");');
    const first = await papers(app, '');
    const oldSrc = /\/v\/[\w-]+\/samskab\.js/.exec(first.versioned)![0];
    build('console.log("v2");');
    const second = await papers(app, '');
    expect(second.versioned).not.toContain(oldSrc);
    expect(await (await app.request(oldSrc)).text()).toBe('console.log("v1");');
    expect((await app.request('/v/AAAAAAAAAAAAAAAA/samskab.js')).status).toBe(404);
    expect((await app.request(oldSrc.replace('samskab.js', '..%2Fsecret.js'))).status).toBe(404);
  });

  it('warns about low contrast and puts only the changed colours in the CSS', async () => {
    const { app } = await embedApp();
    const result = await papers(app, 'primary=%23aaaaaa&text=%231a1a1a&background=%23ffffff');
    expect(result.contrast.filter((c) => !c.ok).map((c) => c.pair)).toEqual(['button', 'links']);
    expect(result.css).toBe(
      [
        'samskab-signup-form {\n  --samskab-color-primary: #aaaaaa;\n}\n',
        '/* Plads til widgetten, før dens kode er hentet, så siden ikke hopper. */',
        'samskab-signup-form:not(:defined) {',
        '  display: block;',
        '  min-block-size: calc(51 * var(--samskab-font-size, max(16px, 1rem)));',
        '}',
      ].join('\n'),
    );
  });

  it('refuses options that would put markup or CSS into a webmaster’s page, in their language', async () => {
    const { app } = await embedApp();
    const attack = await app.request(
      `/embed/papers?activity=${encodeURIComponent('"><script>alert(1)</script>')}&font=${encodeURIComponent('x;} body{display:none')}`,
      { headers: { 'Accept-Language': 'en' } },
    );
    expect(attack.status).toBe(400);
    expect(await attack.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.id",
            "message": "Invalid id.",
            "path": "activity",
          },
          {
            "code": "error.embed.font",
            "message": "The font may only hold names, spaces, commas and hyphens.",
            "path": "font",
          },
        ],
      }
    `);
    const page = await app.request('/embed?primary=red');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Skriv farven som #rrggbb');
  });
});

describe('the widget bundle', () => {
  const CHUNK = 'samskab-signup-form-AbCd12_-.js';

  it('serves the loader fresh and a chunk, named by its content, for ever', async () => {
    const { app, widgetsDir } = await embedApp();
    writeFileSync(join(widgetsDir, CHUNK), 'export const form = 1;');
    const loader = await app.request('/samskab.js');
    expect(loader.headers.get('Cache-Control')).toBe('no-cache');
    const chunk = await app.request(`/${CHUNK}`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(chunk.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(chunk.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await chunk.text()).toBe('export const form = 1;');
    expect((await app.request('/samskab-signup-form-ZZZZZZZZ.js')).status).toBe(404);
    expect((await app.request('/samskab-x.txt')).status).toBe(404);
  });

  it('compresses for a browser that takes it, with an ETag per encoding', async () => {
    const { app } = await embedApp(`console.log("${'samskab '.repeat(200)}");`);
    const plain = await app.request('/samskab.js');
    const brotli = await app.request('/samskab.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    const gzipped = await app.request('/samskab.js', {
      headers: { 'Accept-Encoding': 'gzip;q=1, br;q=0' },
    });
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(brotli.headers.get('Content-Encoding')).toBe('br');
    expect(gzipped.headers.get('Content-Encoding')).toBe('gzip');
    for (const response of [plain, brotli, gzipped]) {
      expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    }
    const body = Buffer.from(await plain.arrayBuffer());
    expect((await brotli.arrayBuffer()).byteLength).toBeLessThan(body.length / 4);
    const tags = [plain, brotli, gzipped].map((r) => r.headers.get('ETag'));
    expect(new Set(tags).size).toBe(3);
    const again = await app.request('/samskab.js', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': tags[1]! },
    });
    expect(again.status).toBe(304);
  });

  it('serves a chunk of an earlier build, for a page whose loader came just before a deploy', async () => {
    const { app, build, widgetsDir } = await embedApp('console.log("v1");');
    writeFileSync(join(widgetsDir, CHUNK), 'export const form = "v1";');
    await papers(app, ''); // the first sight of a build archives it
    build('console.log("v2");');
    rmSync(join(widgetsDir, CHUNK));
    await papers(app, '');
    const old = await app.request(`/${CHUNK}`);
    expect(old.status).toBe(200);
    expect(await old.text()).toBe('export const form = "v1";');
  });

  it('advises reserving the space of a widget that shows something while it loads, as the loader does', () => {
    expect(reserveCss(EmbedOptions.parse({ widget: 'reflection-prompt' }))).toBe('');
    const loader = readFileSync(join(import.meta.dirname, '../../widgets/loader.ts'), 'utf8');
    for (const widget of WIDGETS) {
      expect(loader).toContain(`'${widget.tag}': ${widget.reserve},`);
    }
  });
});

describe('the hosted widget pages', () => {
  it('render the widget alone, in its language, framable only by allowed sites', async () => {
    const { app } = await embedApp();
    const response = await app.request('/embed/signup-form?activity=besoegsven&lang=en');
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('<title>Sign up as a volunteer</title>');
    expect(text).toContain(
      '<samskab-signup-form activity="besoegsven" lang="en"></samskab-signup-form>',
    );
    expect(response.headers.get('Content-Security-Policy')).toContain(
      `frame-ancestors 'self' ${MUNICIPALITY};`,
    );
    expect((await app.request('/embed/no-such-widget')).status).toBe(404);
  });

  it('serve the chosen colours as a stylesheet, and nothing for a bad one', async () => {
    const { app } = await embedApp();
    const css = await app.request('/embed/theme.css?widget=reflection-prompt&background=%23fafafa');
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(
      'samskab-reflection-prompt {\n  --samskab-color-background: #fafafa;\n}',
    );
    expect(await (await app.request('/embed/theme.css?primary=url(x)')).text()).toBe('');
  });
});

describe('the reference docs', () => {
  it('list every widget and each one’s attributes, events, parts and custom properties', async () => {
    const { app } = await embedApp();
    const index = await (await app.request('/docs')).text();
    expect(index).toContain('/docs/samskab-signup-form');
    const page = await (await app.request('/docs/samskab-signup-form')).text();
    for (const name of ['privacy-url', 'samskab-submit', 'summary', '--samskab-color-primary']) {
      expect(page).toContain(name);
    }
    expect((await app.request('/docs/samskab-nothing')).status).toBe(404);
  });
});

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('passes the widgets’ own colours', () => {
    expect(checkColours({}).every((c) => c.ok)).toBe(true);
  });
});

describe('themeCss', () => {
  it('is empty when nothing was chosen', () => {
    expect(themeCss(EmbedOptions.parse({}))).toBe('');
  });
});
