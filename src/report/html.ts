// A briefing's Markdown as a standalone HTML document (marked, GitHub-flavoured Markdown), with static SVG
// figures placed after the heading they illustrate. Raw HTML in the Markdown is escaped, not passed through:
// the text comes from data files and catalogs, never trusted markup.
import { Marked, type Tokens } from 'marked';

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

const STYLE = `
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1.5rem;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d9dee4}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.75rem 0;font-size:.85rem}td,th{border:1px solid #d9dee4;padding:.2rem .45rem;vertical-align:top;text-align:left}
th{background:#eef1f5}figure.chart{margin:1rem 0;page-break-inside:avoid}figure.chart figcaption{font-weight:600;margin-bottom:.25rem}
figure.chart .source{font-size:.75rem;color:#5b6570}code{font-size:.85em}
@media print{body{max-width:none;margin:0}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}`;

const figureHtml = (f: BriefFigure) =>
  `<figure class="chart"><figcaption>${escapeHtml(f.title)}</figcaption>${f.svg}<div class="source">Source: ${escapeHtml(f.source)}</div></figure>`;

/** Renders the Markdown to a complete HTML page titled by its first H1 (or `title`). */
export function renderHtmlDocument(
  markdown: string,
  opts: { title?: string; figures?: BriefFigure[] } = {},
): string {
  const pending = [...(opts.figures ?? [])];
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      heading({ tokens, depth, text }: Tokens.Heading) {
        const here = pending.filter((f) => f.after && text.trim().startsWith(f.after));
        for (const f of here) pending.splice(pending.indexOf(f), 1);
        return `<h${depth}>${this.parser.parseInline(tokens)}</h${depth}>\n${here.map(figureHtml).join('\n')}`;
      },
    },
  });
  const body = marked.parse(markdown, { async: false });
  const title = opts.title ?? /^#\s+(.+)$/m.exec(markdown)?.[1] ?? 'minsec briefing';
  const rest = pending.length ? `<h2>Charts</h2>\n${pending.map(figureHtml).join('\n')}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
${rest}
</body></html>
`;
}
