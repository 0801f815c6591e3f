import * as z from 'zod/mini';
import { Id, textCheck } from './common.js';

/** The widgets a webmaster can embed, by the name in their tag (`samskab-<slug>`). */
export const WidgetSlug = z.enum(['signup-form', 'shift-calendar', 'reflection-prompt']);
export type WidgetSlug = z.infer<typeof WidgetSlug>;

const hex = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'error.embed.colour'));

/**
 * The configurator's choices, from its form or an iframe page's query string.
 * Every value ends up in markup or CSS a webmaster pastes, so each is narrow:
 * ids, hex colours, a font list of names only.
 */
export const EmbedOptions = z.object({
  widget: z._default(WidgetSlug, 'signup-form'),
  activity: z.optional(Id),
  shift: z.optional(Id),
  view: z.optional(z.enum(['list', 'week', 'month'], 'error.embed.view')),
  lang: z._default(z.enum(['da', 'en'], 'error.embed.lang'), 'da'),
  theme: z._default(z.enum(['default', 'inherit'], 'error.embed.theme'), 'default'),
  primary: z.optional(hex),
  text: z.optional(hex),
  background: z.optional(hex),
  font: z.optional(
    z.string().check(z.maxLength(120), z.regex(/^[\p{L}\p{N} ,'-]*$/u, 'error.embed.font')),
  ),
  /** The municipality's privacy notice, linked from the consent: a site path or an http(s) URL. */
  'privacy-url': z.optional(
    z
      .string()
      .check(
        z.maxLength(300),
        z.regex(/^(https?:\/\/[^\s"<>]+|\/[^\s"<>]*)$/, 'error.embed.privacyUrl'),
      ),
  ),
  /** Who runs the Samskab server for the municipality (for the privacy notice): one line. */
  processor: z.optional(z.string().check(z.trim(), textCheck('line'), z.maxLength(200))),
});
export type EmbedOptions = z.output<typeof EmbedOptions>;

/** One WCAG contrast check of the chosen colours. */
export const ContrastResult = z.object({
  pair: z.enum(['text', 'button', 'links', 'controls']),
  ratio: z.number(),
  needs: z.number(),
  ok: z.boolean(),
});

/**
 * Everything the configurator hands a webmaster for one set of options
 * (`GET /embed/papers`): snippets, CSS, CSP needs, contrast and texts.
 */
export const EmbedPapers = z.object({
  /** The widget's tag and attributes, for the live preview. */
  element: z.object({ tag: z.string(), attributes: z.array(z.tuple([z.string(), z.string()])) }),
  script: z.string(),
  versioned: z.string(),
  css: z.string(),
  iframe: z.string(),
  link: z.string(),
  hostedUrl: z.string(),
  csp: z.array(
    z.object({
      directive: z.string(),
      sources: z.string(),
      why: z.object({ da: z.string(), en: z.string() }),
    }),
  ),
  contrast: z.array(ContrastResult),
  privacy: z.string(),
  accessibility: z.string(),
});
export type EmbedPapers = z.infer<typeof EmbedPapers>;
