// The HTML body of a problem: a small page with no scripts, styles or external resources.

import { escapeMarkup } from './markup.js';
import { collect, headline } from './members.js';

export function toHtml(problem: unknown): string {
  const { standard, extensions } = collect(problem);
  const heading = escapeMarkup(headline(standard));
  let main = '';
  if (standard.detail) main += `<p>${escapeMarkup(standard.detail)}</p>`;
  let list = '';
  if (standard.type !== undefined && standard.type !== 'about:blank') {
    list += definition('type', standard.type);
  }
  if (standard.instance !== undefined) list += definition('instance', standard.instance);
  for (const [name, value] of extensions) list += definition(name, JSON.stringify(value));
  if (list) main += `<dl>${list}</dl>`;
  return page(heading, main);
}

/** The HTML page around already escaped content. */
export function page(heading: string, main: string): string {
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${heading}</title></head><body><main><h1>${heading}</h1>${main}</main></body></html>`
  );
}

function definition(term: string, description: string): string {
  return `<dt>${escapeMarkup(term)}</dt><dd>${escapeMarkup(description)}</dd>`;
}
