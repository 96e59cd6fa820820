// The bottom line every briefing opens with: a few sentences, generated from the result, that say what the
// reader must know before the evidence (what is exposed, how long stocks last, what pooling adds, the first
// lever). Each brief module writes its own sentences (its owner decides the content); this module gives them
// one shape: a heading in the reader's language right after the title, then one bullet per sentence. The HTML
// frame (html.ts) sets that section apart as a boxed summary.
import type { Translator } from '../i18n/core.ts';

/** The Markdown of a bottom-line section (empty when there is nothing to say). */
export function bottomLineMarkdown(tr: Translator, sentences: (string | null | undefined | false)[]): string {
  const lines = sentences.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  if (!lines.length) return '';
  return `## ${bottomLineHeading(tr)}\n\n${lines.map((s) => `- ${s}`).join('\n')}\n`;
}

/** The heading text of the bottom-line section in the reader's language (html.ts looks for it). */
export const bottomLineHeading = (tr: Translator) => tr.t('brief:frame.bottomLine');
