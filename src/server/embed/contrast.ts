/**
 * WCAG 2.1 contrast (success criteria 1.4.3 and 1.4.11), for the configurator's
 * warnings. Plain maths with no imports: it runs on the server and in the
 * configurator page alike.
 */

/** Relative luminance of `#rrggbb` (WCAG 2.1, "relative luminance"). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The widgets' own colours, used where the webmaster chose none (see widgets/internal/styles.ts). */
export const DEFAULT_COLOURS = { primary: '#004993', text: '#1a1a1a', background: '#ffffff' };

/** Field borders are not themed by the configurator; their contrast still depends on the background. */
const BORDER = '#747474';

/** One pair the configurator checks, and the least contrast WCAG AA asks of it. */
export interface ContrastCheck {
  pair: 'text' | 'button' | 'links' | 'controls';
  ratio: number;
  needs: number;
  ok: boolean;
}

/**
 * Text on the background and white button text on the primary colour (4.5:1,
 * SC 1.4.3); links in the primary colour (text, so 4.5:1); field borders
 * against the background (3:1, SC 1.4.11).
 */
export function checkColours(chosen: Partial<typeof DEFAULT_COLOURS>): ContrastCheck[] {
  const c = { ...DEFAULT_COLOURS, ...chosen };
  const check = (pair: ContrastCheck['pair'], a: string, b: string, needs: number) => {
    const ratio = contrast(a, b);
    return { pair, ratio, needs, ok: ratio >= needs };
  };
  return [
    check('text', c.text, c.background, 4.5),
    check('button', '#ffffff', c.primary, 4.5),
    check('links', c.primary, c.background, 4.5),
    check('controls', BORDER, c.background, 3),
  ];
}
