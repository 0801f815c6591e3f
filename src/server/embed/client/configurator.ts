/**
 * The configurator, live: every change asks the server for fresh papers
 * (`/embed/papers`), so snippets are made in one place only, and updates the
 * preview, the contrast check and the snippets. Without this script the form
 * still works by submitting. Text goes in through `textContent` only.
 */
import type { EmbedPapers } from '../../../schemas/embed.js';

const form = document.querySelector<HTMLFormElement>('#settings');
const status = document.querySelector<HTMLElement>('#copy-status');
const contrastNames: Record<EmbedPapers['contrast'][number]['pair'], string> = {
  text: 'Tekst på baggrund',
  button: 'Knaptekst på primærfarve',
  links: 'Links i primærfarve på baggrund',
  controls: 'Feltkanter på baggrund',
};
const decimal = (n: number) => n.toFixed(2).replace('.', ',');

function query() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form!)) {
    if (typeof value === 'string' && value.trim() !== '') params.set(name, value.trim());
  }
  return params.toString();
}

function setText(id: string, text: string) {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

function renderPreview(papers: EmbedPapers, params: string) {
  const current = document.getElementById('preview');
  if (!current) return;
  const { tag, attributes } = papers.element;
  const wanted = JSON.stringify(attributes);
  if (current.localName !== tag || current.dataset.attributes !== wanted) {
    const next = document.createElement(tag);
    next.id = 'preview';
    next.dataset.attributes = wanted;
    for (const [name, value] of attributes) next.setAttribute(name, value);
    current.replaceWith(next);
  }
  const theme = document.querySelector<HTMLLinkElement>('#preview-theme');
  if (theme) theme.href = `/embed/theme.css?${params}`;
  const frame = document.querySelector<HTMLElement>('.preview__frame');
  const english = attributes.some(([name, value]) => name === 'lang' && value === 'en');
  if (frame) frame.lang = english ? 'en' : '';
}

function renderContrast(papers: EmbedPapers) {
  const list = document.getElementById('contrast');
  if (!list) return;
  list.replaceChildren(
    ...papers.contrast.map((check) => {
      const item = document.createElement('li');
      item.className = check.ok ? 'ok' : 'warn';
      const mark = document.createElement('span');
      mark.className = 'contrast__mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = check.ok ? '✓' : '!';
      const needs = `${decimal(check.needs).replace(/,00$/, '').replace(/0$/, '')}:1`;
      const text = `${contrastNames[check.pair]}: ${decimal(check.ratio)}:1 `;
      item.append(mark, text);
      if (check.ok) {
        item.append(`(kræver ${needs})`);
      } else {
        const warning = document.createElement('strong');
        warning.textContent = `– for lav kontrast, kræver ${needs}`;
        item.append(warning);
      }
      return item;
    }),
  );
}

function renderCsp(papers: EmbedPapers) {
  const body = document.getElementById('csp');
  if (!body) return;
  body.replaceChildren(
    ...papers.csp.map((need) => {
      const row = document.createElement('tr');
      for (const [text, code] of [
        [need.directive, true],
        [need.sources, true],
        [need.why.da, false],
      ] as const) {
        const cell = document.createElement('td');
        if (code) {
          const element = document.createElement('code');
          element.textContent = text;
          cell.append(element);
        } else {
          cell.textContent = text;
        }
        row.append(cell);
      }
      return row;
    }),
  );
}

let pending: AbortController | undefined;

async function update() {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  const params = query();
  history.replaceState(null, '', `/embed?${params}`);
  try {
    const response = await fetch(`/embed/papers?${params}`, {
      headers: { Accept: 'application/json', 'Accept-Language': 'da' },
      signal: controller.signal,
    });
    const body = await response.json();
    if (!response.ok) {
      const errors = (body as { errors: { message: string }[] }).errors;
      if (status) status.textContent = errors.map((e) => e.message).join(' ');
      return;
    }
    const papers = body as EmbedPapers;
    renderPreview(papers, params);
    renderContrast(papers);
    renderCsp(papers);
    setText('snippet-script', papers.script);
    setText('snippet-versioned', papers.versioned);
    setText('snippet-css', papers.css);
    setText('snippet-iframe', papers.iframe);
    setText('snippet-link', papers.link);
    setText('privacy-text', papers.privacy);
    setText('a11y-text', papers.accessibility);
  } catch (error) {
    if ((error as Error).name !== 'AbortError' && status) {
      status.textContent = 'Kunne ikke opdatere. Tryk på Opdater.';
    }
  }
}

if (form) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);

  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const code = document.getElementById(button.dataset.copy ?? '');
      const label = document.getElementById(`${button.dataset.copy}-label`)?.textContent ?? '';
      try {
        await navigator.clipboard.writeText(code?.textContent ?? '');
        if (status) status.textContent = `Kopieret: ${label}`;
      } catch {
        // No clipboard (an insecure origin, or denied): select it for Ctrl+C instead.
        const range = document.createRange();
        if (code) range.selectNodeContents(code);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        if (status) status.textContent = `Markeret – tryk Ctrl+C for at kopiere: ${label}`;
      }
    });
  }
}
