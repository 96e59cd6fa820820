// Dispatches `minsec brief …` to the briefing modules: a mineral case study, a partner case study, or the
// trilateral net assessment. Each module renders Markdown; HTML wraps the same Markdown (html.ts) with the
// dashboard's charts as static SVG (figures.ts), and --pdf prints that HTML through Chromium (pdf.ts).
import { UserInputError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';

export interface BriefRequest {
  subject: string;
  code?: string;
  format: 'md' | 'html';
  pdf?: string;
}

async function markdownOf(db: Db, req: BriefRequest): Promise<string> {
  if (req.subject === 'partner') {
    if (!req.code)
      throw new UserInputError('brief partner needs a country code, e.g. minsec brief partner IND');
    const { renderPartnerBrief } = await import('./partner-brief.ts');
    return renderPartnerBrief(db, req.code);
  }
  if (req.subject === 'trilateral') {
    const { renderTrilateralBrief } = await import('./trilateral-brief.ts');
    return renderTrilateralBrief(db);
  }
  const { renderMineralBrief } = await import('./mineral-brief.ts');
  return renderMineralBrief(db, req.subject);
}

async function figuresOf(db: Db, req: BriefRequest) {
  const f = await import('./figures.ts');
  if (req.subject === 'partner') return f.partnerFigures(db, req.code as string);
  if (req.subject === 'trilateral') return f.trilateralFigures(db);
  return f.mineralFigures(db, req.subject);
}

/** Renders a briefing (Markdown, or HTML with figures); with `pdf`, also writes the PDF to that file. */
export async function renderBrief(db: Db, req: BriefRequest): Promise<string> {
  const markdown = await markdownOf(db, req);
  if (req.format === 'md' && !req.pdf) return markdown;
  const { renderHtmlDocument } = await import('./html.ts');
  const html = renderHtmlDocument(markdown, { figures: await figuresOf(db, req) });
  if (req.pdf) {
    const { writePdf } = await import('./pdf.ts');
    await writePdf(html, req.pdf);
  }
  return req.format === 'html' ? html : markdown;
}
