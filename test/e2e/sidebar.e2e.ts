// The built Chrome extension in a real Chromium: the side panel opened as a
// tab, driven by keyboard and mouse like a leader would.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/browser.js';
import { chromiumArgs, findChromium } from '../support/chromium.js';

const EXT = resolve('.output/chrome-mv3');
/** Retries an assertion on the page until it holds (the UI updates asynchronously). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });
const dirs: string[] = [];
const contexts: BrowserContext[] = [];
let server: Server;
let origin = '';

async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'samskab-profile-'));
  dirs.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    headless: true,
    // Sets the browser's UI language, which the panel follows (i18n.getUILanguage()).
    locale: 'da-DK',
    acceptDownloads: true,
    args: [...chromiumArgs, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  contexts.push(context);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  await panel.getByRole('heading', { name: 'Frivillige', level: 2 }).waitFor();
  return { context, panel, id };
}

/** Opens the Data view's backup form. */
async function openExportForm(panel: Page) {
  await panel.getByRole('button', { name: 'Data', exact: true }).click();
  await panel.getByRole('button', { name: 'Eksportér sikkerhedskopi (JSON)' }).click();
  return panel.locator('#export-form');
}

/** Saves the file `save` makes the panel offer; returns its path, name and text. */
async function download(panel: Page, save: () => Promise<unknown>) {
  const [file] = await Promise.all([panel.waitForEvent('download'), save()]);
  const path = join(dirs[0]!, `export-${Date.now()}-${Math.random()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { path, fileName: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** A plain backup, by the explicit choice and confirmation it needs. */
async function exportBackup(panel: Page) {
  const form = await openExportForm(panel);
  await form.getByLabel('Ukrypteret').check();
  await form.getByLabel('Jeg forstår, at alle med filen kan læse mine noter').check();
  const { path, text } = await download(panel, () =>
    form.getByRole('button', { name: 'Gem ukrypteret sikkerhedskopi' }).click(),
  );
  return { path, backup: JSON.parse(text) };
}

/** The id of the element that has focus. */
const focused = (panel: Page) => panel.evaluate(() => document.activeElement?.id ?? '');

const records = (b: Record<string, unknown>) => ({
  volunteers: b.volunteers,
  notes: b.notes,
  followUps: b.followUps,
  pageLinks: b.pageLinks,
});

beforeAll(() => {
  server = createServer((req, res) => {
    const title = req.url?.startsWith('/case') ? 'Sag 42 – intranet' : 'Anden side';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html lang="da"><title>${title}</title><h1>${title}</h1><p>Tekst på siden.</p>`,
    );
  });
  return new Promise<void>((r) =>
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      r();
    }),
  );
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  server?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the leader’s sidebar in Chromium', () => {
  let panel: Page;
  let context: BrowserContext;
  let firstExport: { path: string; backup: Record<string, unknown> };

  it('starts empty and accessible', async () => {
    ({ panel, context } = await launch());
    await panel.getByText('Ingen frivillige endnu.').waitFor();
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('keeps a volunteer and a note after a reload', async () => {
    await panel.getByText('Tilføj frivillig').click();
    await panel.getByLabel('Navn', { exact: true }).fill('Søren Ågård');
    await panel.getByLabel('Aktiviteter og roller (kommasepareret)').fill('Lektiecafé');
    await panel.getByRole('button', { name: 'Gem frivillig' }).click();
    await panel.getByRole('button', { name: /Søren Ågård/ }).click();
    await panel
      .getByLabel('Note', { exact: true })
      .fill('Vil gerne tage mere ansvar for fredagsholdet.');
    await panel.getByLabel('Ansvar og ejerskab').check();
    await panel.getByRole('button', { name: 'Gem note' }).click();
    await panel.getByText('Vil gerne tage mere ansvar for fredagsholdet.').waitFor();
    expect(await axeViolations(panel)).toEqual([]);

    await panel.reload();
    await panel.getByRole('button', { name: /Søren Ågård/ }).click();
    await panel.getByText('Vil gerne tage mere ansvar for fredagsholdet.').waitFor();
  });

  it('sets the type on body, so a note is never smaller than its grey caption', async () => {
    // Chromium's own sheet for extension pages says `body { font-size: 75% }`.
    const sizes = await panel.evaluate(() => {
      const px = (el: Element | null) => Number.parseFloat(getComputedStyle(el!).fontSize);
      const note = document.querySelector('.note');
      return {
        body: getComputedStyle(document.body).fontSize,
        root: getComputedStyle(document.documentElement).fontSize,
        text: px(note!.querySelector('.note-text')),
        caption: px(note!.querySelector('.muted')),
      };
    });
    expect(sizes.body).toBe('16px');
    expect(sizes.body).toBe(sizes.root);
    expect(sizes.text).toBeGreaterThanOrEqual(sizes.caption);
  });

  it('links the current page and shows the note whenever that page is active', async () => {
    const casePage = await context.newPage();
    await casePage.goto(`${origin}/case?id=42&utm_source=mail`);
    await casePage.bringToFront();
    // The panel (a background tab here) follows the active tab and offers to link it.
    const link = panel.getByRole('button', { name: 'Knyt til denne side' });
    await link.click();
    await panel.getByRole('button', { name: 'Denne side', exact: false }).first().click();
    await poll(() => panel.locator('code').textContent()).toBe(
      `127.0.0.1:${new URL(origin).port}/case?id=42`,
    );
    const here = panel.getByRole('heading', { name: 'Knyttet til denne side' });
    await here.waitFor();
    await panel.getByText('Vil gerne tage mere ansvar for fredagsholdet.').waitFor();
    expect(await axeViolations(panel)).toEqual([]);

    const other = await context.newPage();
    await other.goto(`${origin}/other`);
    await other.bringToFront();
    await poll(() => panel.locator('code').textContent()).toBe(
      `127.0.0.1:${new URL(origin).port}/other`,
    );
    await panel.getByText('Intet er knyttet til denne side endnu.').waitFor();

    await casePage.bringToFront();
    await panel.getByText('Vil gerne tage mere ansvar for fredagsholdet.').waitFor();
    await other.close();
    await casePage.close();
  });

  it('finds “Søren Ågård” when the leader types “agard”', async () => {
    await panel.getByRole('searchbox', { name: 'Søg i navne, noter og mærker' }).fill('agard');
    await poll(() =>
      panel.getByRole('status').filter({ hasText: 'resultat' }).textContent(),
    ).toContain('2 resultater');
    await panel
      .getByRole('button', { name: /Søren Ågård/ })
      .first()
      .waitFor();
    expect(await axeViolations(panel)).toEqual([]);
    await panel.getByRole('searchbox', { name: 'Søg i navne, noter og mærker' }).fill('');
  });

  it('exports a backup that imports into a fresh profile as identical data', async () => {
    firstExport = await exportBackup(panel);
    expect(firstExport.backup.format).toBe('samskab-notes');
    expect((firstExport.backup.notes as unknown[]).length).toBe(1);
    expect(await axeViolations(panel)).toEqual([]);

    const fresh = await launch();
    await fresh.panel.getByRole('button', { name: 'Data', exact: true }).click();
    await fresh.panel.getByLabel('Vælg en sikkerhedskopi (JSON)').setInputFiles(firstExport.path);
    await fresh.panel
      .getByText('Frivillige: 1 nye, 0 opdateres, 0 i konflikt, 0 uændrede')
      .waitFor();
    expect(await axeViolations(fresh.panel)).toEqual([]);
    await fresh.panel.getByRole('button', { name: 'Importér', exact: true }).click();
    await poll(() => fresh.panel.getByRole('status').last().textContent()).toBe(
      'Importen er færdig.',
    );
    // The store keeps search in step with the import; nothing has to rebuild it.
    const search = fresh.panel.getByRole('searchbox', { name: 'Søg i navne, noter og mærker' });
    await search.fill('fredagsholdet');
    await poll(() =>
      fresh.panel.getByRole('status').filter({ hasText: 'resultat' }).textContent(),
    ).toBe('1 resultat');
    await search.fill('');
    const again = await exportBackup(fresh.panel);
    expect(records(again.backup)).toEqual(records(firstExport.backup));
    await fresh.context.close();
  });

  it('an encrypted backup cannot be read without its passphrase and imports with it', async () => {
    const downloads: string[] = [];
    panel.on('download', (d) => downloads.push(d.suggestedFilename()));
    const form = await openExportForm(panel);
    // Encrypted is the default, and the form opens on that choice.
    expect(await form.getByLabel('Krypteret (anbefalet)').isChecked()).toBe(true);
    await poll(() =>
      panel.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return `${el.type} ${el.value}`;
      }),
    ).toBe('radio encrypted');
    expect(await axeViolations(panel)).toEqual([]);

    // Keyboard only: Tab leaves the radio group for the passphrase; Enter submits.
    await panel.keyboard.press('Tab');
    await poll(() => focused(panel)).toBe('export-passphrase');
    await panel.keyboard.type('kort');
    await panel.keyboard.press('Enter');
    await poll(() => form.getByRole('alert').textContent()).toBe(
      'Adgangsfrasen skal være mindst 10 tegn. Den er nu 4.',
    );
    await poll(() => focused(panel)).toBe('export-passphrase');
    expect(await axeViolations(panel)).toEqual([]);

    const pass = 'Lange dage i Ålborg';
    await form.getByLabel('Adgangsfrase til sikkerhedskopien').fill(pass);
    await panel.keyboard.press('Tab');
    await panel.keyboard.type('Lange dage i Aalborg');
    await panel.keyboard.press('Enter');
    await poll(() => form.getByRole('alert').textContent()).toBe(
      'De to adgangsfraser er ikke ens. Skriv den samme i begge felter.',
    );
    await poll(() => focused(panel)).toBe('export-repeat');

    // A plain file asks for a confirmation first, and says why.
    await form.getByLabel('Ukrypteret').check();
    await form.getByText(/^Advarsel: Alle, der får fat i filen, kan læse dine noter/).waitFor();
    await form.getByRole('button', { name: 'Gem ukrypteret sikkerhedskopi' }).click();
    await poll(() => form.getByRole('alert').textContent()).toBe(
      'Sæt flueben ved “Jeg forstår, at alle med filen kan læse mine noter”, hvis du vil gemme filen ukrypteret.',
    );
    await poll(() => focused(panel)).toBe('export-confirm');
    expect(await axeViolations(panel)).toEqual([]);
    expect(downloads).toEqual([]);

    await form.getByLabel('Krypteret (anbefalet)').check();
    await form.getByLabel('Adgangsfrase til sikkerhedskopien').fill(pass);
    await form.getByLabel('Gentag adgangsfrasen').fill(pass);
    const encrypted = await download(panel, () =>
      form.getByRole('button', { name: 'Gem krypteret sikkerhedskopi' }).click(),
    );
    expect(encrypted.fileName).toMatch(/^samskab-backup-\d{4}-\d{2}-\d{2}\.samskab\.json$/);
    expect(JSON.parse(encrypted.text).format).toBe('samskab-notes-encrypted');
    for (const secret of ['Søren', 'Ågård', 'fredagsholdet', 'Lektiecafé', 'ansvar'])
      expect(encrypted.text).not.toContain(secret);
    await poll(() => panel.getByRole('status').last().textContent()).toBe(
      `Den krypterede sikkerhedskopi er gemt som ${encrypted.fileName}. Du skal bruge adgangsfrasen for at åbne den.`,
    );
    // The form closes and gives focus back to the button that opened it.
    expect(await form.count()).toBe(0);
    await poll(() =>
      panel.evaluate(() => document.activeElement?.getAttribute('aria-expanded')),
    ).toBe('false');

    const fresh = await launch();
    await fresh.panel.getByRole('button', { name: 'Data', exact: true }).click();
    await fresh.panel.getByLabel('Vælg en sikkerhedskopi (JSON)').setInputFiles(encrypted.path);
    const field = fresh.panel.getByLabel('Adgangsfrase til sikkerhedskopien');
    await field.waitFor();
    await poll(() => focused(fresh.panel)).toBe('unlock-passphrase');
    expect(await axeViolations(fresh.panel)).toEqual([]);

    await field.fill('Lange dage i Aalborg');
    await fresh.panel.getByRole('button', { name: 'Åbn sikkerhedskopien' }).click();
    await poll(() => fresh.panel.getByRole('alert').textContent()).toBe(
      'Forkert adgangsfrase til sikkerhedskopien.',
    );
    await poll(() => focused(fresh.panel)).toBe('unlock-passphrase');
    expect(await field.inputValue()).toBe('');
    expect(await fresh.panel.getByText(/^Frivillige: /).count()).toBe(0);
    expect(await axeViolations(fresh.panel)).toEqual([]);

    await field.fill(pass);
    await fresh.panel.keyboard.press('Enter');
    await fresh.panel
      .getByText('Frivillige: 1 nye, 0 opdateres, 0 i konflikt, 0 uændrede')
      .waitFor();
    await fresh.panel.getByRole('button', { name: 'Importér', exact: true }).click();
    await poll(() => fresh.panel.getByRole('status').last().textContent()).toBe(
      'Importen er færdig.',
    );
    const again = await exportBackup(fresh.panel);
    expect(records(again.backup)).toEqual(records(firstExport.backup));

    // A file cut short is named as damaged, and asks for no passphrase.
    const cut = join(dirs[0]!, 'cut.samskab.json');
    writeFileSync(cut, encrypted.text.slice(0, encrypted.text.length - 100));
    await fresh.panel.getByLabel('Vælg en sikkerhedskopi (JSON)').setInputFiles(cut);
    await poll(() => fresh.panel.locator('.error-box').textContent()).toBe(
      'Sikkerhedskopien er beskadiget eller ufuldstændig og kan ikke åbnes. Intet er ændret. Prøv en anden kopi af filen.',
    );
    await poll(() =>
      fresh.panel.evaluate(() => document.activeElement?.classList.contains('error-box')),
    ).toBe(true);
    expect(await fresh.panel.locator('#unlock-passphrase').count()).toBe(0);
    expect(await axeViolations(fresh.panel)).toEqual([]);
    await fresh.context.close();
  });

  it('refuses a corrupted or hostile file, says where, and changes nothing', async () => {
    const broken = join(dirs[0]!, 'broken.json');
    writeFileSync(broken, readFileSync(firstExport.path, 'utf8').slice(0, 200));
    await panel.getByLabel('Vælg en sikkerhedskopi (JSON)').setInputFiles(broken);
    const alert = panel.locator('.error-box');
    await poll(() => alert.textContent()).toMatch(
      /^Filen er ikke gyldig JSON – den kan være beskadiget eller afkortet\. Fejlen er i linje \d+, kolonne \d+\.$/,
    );
    expect(await axeViolations(panel)).toEqual([]);

    const hostile = join(dirs[0]!, 'hostile.json');
    const tampered = structuredClone(firstExport.backup) as { notes: { createdAt: string }[] };
    tampered.notes[0]!.createdAt = '<img src=x onerror=alert(1)>';
    // A literal "__proto__" key, as a hostile file would carry it (an object
    // literal's __proto__ would only set the prototype, and JSON.stringify drops it).
    const text = JSON.stringify(tampered).replace('{', '{"__proto__":{"polluted":true},');
    expect(text).toContain('"__proto__"');
    writeFileSync(hostile, text);
    await panel.getByLabel('Vælg en sikkerhedskopi (JSON)').setInputFiles(hostile);
    await poll(() => alert.textContent()).toBe(
      'En værdi i filen er ugyldig: ugyldigt tidspunkt. Fejlen er i Noter, nr. 1, feltet “Oprettet”.',
    );
    expect(await panel.evaluate(() => (({}) as { polluted?: unknown }).polluted)).toBeUndefined();
    expect(await panel.getByRole('button', { name: 'Importér', exact: true }).count()).toBe(0);

    const after = await exportBackup(panel);
    expect(records(after.backup)).toEqual(records(firstExport.backup));
  });

  it('erases a volunteer from lists and search after confirmation', async () => {
    await panel.getByRole('button', { name: 'Frivillige', exact: true }).click();
    await panel.getByRole('button', { name: /Søren Ågård/ }).click();
    await panel.getByRole('button', { name: 'Slet alt om denne frivillige' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Slet alt om Søren Ågård?' });
    await dialog.waitFor();
    expect(await axeViolations(panel)).toEqual([]);
    await dialog.getByRole('button', { name: 'Ja, slet alt' }).click();
    await panel.getByText('Ingen frivillige endnu.').waitFor();
    await panel.getByRole('searchbox', { name: 'Søg i navne, noter og mærker' }).fill('agard');
    await panel.getByText('Ingen resultater for “agard”').waitFor();
    await panel
      .getByRole('searchbox', { name: 'Søg i navne, noter og mærker' })
      .fill('fredagsholdet');
    await panel.getByText('Ingen resultater for “fredagsholdet”').waitFor();
  });
});

describe('the sidebar’s forms in Chromium', () => {
  let panel: Page;

  it('clears the add form after “Gem frivillig”, so one more click cannot add the same volunteer', async () => {
    ({ panel } = await launch());
    await panel.getByText('Tilføj frivillig').click();
    const name = panel.getByLabel('Navn', { exact: true });
    await name.fill('Karen Blixen');
    await panel.getByLabel('Aktiviteter og roller (kommasepareret)').fill('Læsegruppe');
    const save = panel.getByRole('button', { name: 'Gem frivillig' });
    await save.click();
    await poll(() => panel.getByRole('status').last().textContent()).toBe('Karen Blixen er gemt.');
    await poll(() => name.inputValue()).toBe('');
    expect(await panel.getByLabel('Aktiviteter og roller (kommasepareret)').inputValue()).toBe('');
    // Ready for the next volunteer.
    await poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('new-volunteer-name');

    await save.click();
    await panel.getByText('navnet mangler').waitFor();
    expect(await panel.getByRole('button', { name: /Karen Blixen/ }).count()).toBe(1);
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('saves once however fast the form is submitted twice', async () => {
    await panel.getByLabel('Navn', { exact: true }).fill('Dobbelt Klik');
    // Two submissions in one task: the second arrives while the first save is
    // still being written, as a double click does on a busy machine.
    await panel.evaluate(() => {
      const form = document.querySelector<HTMLInputElement>('#new-volunteer-name')!.form!;
      form.requestSubmit();
      form.requestSubmit();
    });
    await poll(() => panel.getByRole('status').last().textContent()).toBe('Dobbelt Klik er gemt.');
    await panel.getByText('2 frivillige').waitFor();
    expect(await panel.getByRole('button', { name: /Dobbelt Klik/ }).count()).toBe(1);
  });

  it('asks before saving a follow-up dated in the past, by keyboard alone', async () => {
    await panel.getByRole('button', { name: /Karen Blixen/ }).click();
    await panel.getByText('Ny opfølgning').click();
    const text = panel.getByLabel('Hvad vil du følge op på?');
    await text.fill('Ring om læsegruppen');
    await panel.getByLabel('Dato', { exact: true }).fill('2020-01-06');
    await text.focus();
    await panel.keyboard.press('Enter');

    const question = panel.getByRole('group', { name: /er allerede passeret/ });
    await question.waitFor();
    expect(await question.textContent()).toContain('6. januar 2020');
    await poll(() => question.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(panel)).toEqual([]);
    // The question reflows in the narrowest panel without sideways scrolling.
    await panel.setViewportSize({ width: 320, height: 640 });
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    // Nothing is saved while the question is open.
    expect(await panel.getByText('Ring om læsegruppen').count()).toBe(0);

    // Escape goes back to the date.
    await panel.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    await poll(() => panel.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe(
      'date',
    );

    // Asked again, Tab reaches "Gem alligevel" first.
    await text.focus();
    await panel.keyboard.press('Enter');
    await poll(() => question.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.keyboard.press('Tab');
    await poll(() => panel.evaluate(() => document.activeElement?.textContent)).toBe(
      'Gem alligevel',
    );
    await panel.keyboard.press('Enter');
    await poll(() => panel.getByRole('status').last().textContent()).toBe(
      'Opfølgningen er gemt og står under overskredne.',
    );
    await question.waitFor({ state: 'detached' });
    expect(await text.inputValue()).toBe('');
    // Focus does not fall to the page when the question goes.
    await poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.getByText('Ring om læsegruppen').waitFor();

    // It counts as overdue at once.
    await panel.getByRole('button', { name: 'Opfølgning (1)', exact: true }).click();
    await panel.getByText('Ring om læsegruppen').waitFor();
    expect(await axeViolations(panel)).toEqual([]);
  });
});
