// Dispatches `minsec brief …` to the briefing modules: a mineral case study, a partner case study, or the
// trilateral net assessment, in the reader's language (en, ko, ja). Each module renders Markdown that opens with
// a bottom line (bottom-line.ts); HTML wraps the same Markdown (html.ts) with the dashboard's charts as static
// SVG (figures.ts), and --pdf prints that HTML through Chromium with the CJK fonts embedded (pdf.ts).
import type { Locale } from '../i18n/core.ts';
import { translator } from '../i18n/node.ts';
import { UserInputError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';

export interface BriefRequest {
  subject: string;
  code?: string;
  format: 'md' | 'html';
  pdf?: string;
  /** The reader's language (default English). */
  lang?: Locale;
}

async function markdownOf(db: Db, req: BriefRequest): Promise<string> {
  const tr = translator(req.lang ?? 'en', 'brief');
  if (req.subject === 'partner') {
    if (!req.code) throw new UserInputError(tr.t('frame.partnerNeedsCode'), 'code');
    const { renderPartnerBrief } = await import('./partner-brief.ts');
    return renderPartnerBrief(db, req.code, tr);
  }
  if (req.subject === 'trilateral') {
    const { renderTrilateralBrief } = await import('./trilateral-brief.ts');
    return renderTrilateralBrief(db, { tr });
  }
  const { renderMineralBrief } = await import('./mineral-brief.ts');
  return renderMineralBrief(db, req.subject, tr);
}

async function figuresOf(db: Db, req: BriefRequest) {
  const f = await import('./figures.ts');
  const tr = translator(req.lang ?? 'en', 'brief');
  if (req.subject === 'partner') return f.partnerFigures(db, req.code as string, tr);
  if (req.subject === 'trilateral') return f.trilateralFigures(db, tr);
  return f.mineralFigures(db, req.subject, tr);
}

/** Renders a briefing (Markdown, or HTML with figures); with `pdf`, also writes the PDF to that file. */
export async function renderBrief(db: Db, req: BriefRequest): Promise<string> {
  const markdown = await markdownOf(db, req);
  if (req.format === 'md' && !req.pdf) return markdown;
  const { renderHtmlDocument } = await import('./html.ts');
  const tr = translator(req.lang ?? 'en', 'brief');
  const html = renderHtmlDocument(markdown, { figures: await figuresOf(db, req), tr });
  if (req.pdf) {
    const { writePdf } = await import('./pdf.ts');
    await writePdf(html, req.pdf);
  }
  return req.format === 'html' ? html : markdown;
}
