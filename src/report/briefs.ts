// Dispatches `minsec brief …` to the briefing modules.
import { UserInputError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';

export interface BriefRequest {
  subject: string;
  code?: string;
  format: 'md' | 'html';
  pdf?: string;
}

export async function renderBrief(_db: Db, req: BriefRequest): Promise<string> {
  throw new UserInputError(`briefing "${req.subject}" is not available yet`);
}
