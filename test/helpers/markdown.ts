// Reading Markdown in the tests: the links and images of a page, and its fenced blocks.

/**
 * Every link and image target of a Markdown text: `[text](target)`, `![alt](target)`, reference
 * definitions `[name]: target`, and `src`/`href` attributes of inline HTML. Fenced code blocks
 * and inline code are skipped, since what they show is code, not a link.
 */
export function markdownLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    targets.push(m[1] as string);
  }
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) {
    targets.push(m[1] as string);
  }
  for (const m of prose.matchAll(/\s(?:src|href)="([^"]+)"/g)) targets.push(m[1] as string);
  return targets;
}

/** The fenced block right after a line `marker` (an HTML comment), without its fences. */
export function blockAfter(markdown: string, marker: string): string | undefined {
  const lines = markdown.split('\n');
  const at = lines.indexOf(marker);
  if (at === -1 || !lines[at + 1]?.startsWith('```')) return undefined;
  const end = lines.indexOf('```', at + 2);
  return end === -1 ? undefined : lines.slice(at + 2, end).join('\n');
}
