// Dispatches `minsec brief …` to the briefing modules: a mineral case study, a partner case study, or the
// trilateral net assessment. Each module renders Markdown; HTML and PDF wrap the same content.
import { UserInputError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';

export interface BriefRequest {
  subject: string;
  code?: string;
  format: 'md' | 'html';
  pdf?: string;
}

/** Renders a briefing; each kind lives in its own module (mineral-brief, partner-brief, trilateral-brief). */
export async function renderBrief(db: Db, req: BriefRequest): Promise<string> {
  if (req.subject === 'partner') {
    if (!req.code)
      throw new UserInputError('brief partner needs a country code, e.g. minsec brief partner IND');
    const { renderPartnerBrief } = await import('./partner-brief.ts');
    return renderPartnerBrief(db, req.code, req);
  }
  if (req.subject === 'trilateral') {
    const { renderTrilateralBrief } = await import('./trilateral-brief.ts');
    return renderTrilateralBrief(db, req);
  }
  const { renderMineralBrief } = await import('./mineral-brief.ts');
  return renderMineralBrief(db, req.subject, req);
}
