// A briefing's Markdown as a standalone HTML document (marked, GitHub-flavoured Markdown), with static SVG
// figures placed after the heading they illustrate. Raw HTML in the Markdown is escaped, not passed through:
// the text comes from data files and catalogs, never trusted markup.
import { Marked, type Tokens } from 'marked';
import type { Translator } from '../i18n/core.ts';
import { translator } from '../i18n/node.ts';
import { bottomLineHeading } from './bottom-line.ts';

export interface BriefFigure {
  title: string;
  /** The chart as SVG (or a <figure> with legend and SVG), rendered on the server. */
  svg: string;
  source: string;
  /** Placed after the first heading whose text starts with this; unplaced figures close the document. */
  after?: string;
}

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * Fonts per language: Debian's Noto CJK (fonts-noto-cjk) carries Hangul and Japanese kana/kanji, and Chromium
 * embeds the glyphs it uses in the PDF; the language's own face comes first so that shared Han characters take
 * its shapes (Korean vs Japanese forms).
 */
const FONTS: Record<string, string> = {
  en: "'Noto Sans','DejaVu Sans',system-ui,sans-serif",
  ko: "'Noto Sans CJK KR','Noto Sans KR','Noto Sans','DejaVu Sans',sans-serif",
  ja: "'Noto Sans CJK JP','Noto Sans JP','Noto Sans','DejaVu Sans',sans-serif",
};

const STYLE = `
body{color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1.5rem;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d9dee4}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.75rem 0;font-size:.85rem}td,th{border:1px solid #d9dee4;padding:.2rem .45rem;vertical-align:top;text-align:left}
th{background:#eef1f5}figure.chart{margin:1rem 0;page-break-inside:avoid}figure.chart figcaption{font-weight:600;margin-bottom:.25rem}
figure.chart .source{font-size:.75rem;color:#5b6570}code{font-size:.85em}
section.bottom-line{border:2px solid #1f4e8c;border-radius:6px;background:#f3f7fc;padding:.25rem 1rem .5rem;margin:1rem 0 1.5rem}
section.bottom-line h2{border:0;margin-top:.5rem;color:#1f4e8c}section.bottom-line li{margin:.25rem 0}
@media print{body{max-width:none;margin:0}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}`;

const figureHtml = (f: BriefFigure, tr: Translator) =>
  `<figure class="chart"><figcaption>${escapeHtml(f.title)}</figcaption>${f.svg}<div class="source">${escapeHtml(tr.t('brief:frame.source'))} ${escapeHtml(f.source)}</div></figure>`;

/** Wraps the bottom-line section (from its heading to the next h2) in a box of its own. */
function boxBottomLine(body: string, heading: string): string {
  const open = `<h2>${escapeHtml(heading)}</h2>`;
  const at = body.indexOf(open);
  if (at < 0) return body;
  const next = body.indexOf('<h2', at + open.length);
  const end = next < 0 ? body.length : next;
  return `${body.slice(0, at)}<section class="bottom-line">${body.slice(at, end)}</section>\n${body.slice(end)}`;
}

/**
 * Renders the Markdown to a complete HTML page titled by its first H1 (or `title`), in the translator's language
 * (`<html lang>`, fonts, the frame's own words), with the bottom-line section boxed.
 */
export function renderHtmlDocument(
  markdown: string,
  opts: { title?: string; figures?: BriefFigure[]; tr?: Translator } = {},
): string {
  const tr = opts.tr ?? translator('en', 'brief');
  const pending = [...(opts.figures ?? [])];
  const fig = (f: BriefFigure) => figureHtml(f, tr);
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      heading({ tokens, depth, text }: Tokens.Heading) {
        const here = pending.filter((f) => f.after && text.trim().startsWith(f.after));
        for (const f of here) pending.splice(pending.indexOf(f), 1);
        return `<h${depth}>${this.parser.parseInline(tokens)}</h${depth}>\n${here.map(fig).join('\n')}`;
      },
    },
  });
  const body = boxBottomLine(marked.parse(markdown, { async: false }), bottomLineHeading(tr));
  const title = opts.title ?? /^#\s+(.+)$/m.exec(markdown)?.[1] ?? tr.t('brief:frame.defaultTitle');
  const rest = pending.length
    ? `<h2>${escapeHtml(tr.t('brief:frame.charts'))}</h2>\n${pending.map(fig).join('\n')}`
    : '';
  const font = FONTS[tr.locale] ?? FONTS.en;
  return `<!doctype html>
<html lang="${tr.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>body{font-family:${font}}${STYLE}</style></head>
<body>
${body}
${rest}
</body></html>
`;
}
