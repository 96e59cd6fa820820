// minsec brief <mineral> | brief partner <ISO3> | brief trilateral — briefing documents (Markdown or HTML).
import type { Command } from 'commander';
import { localeOf } from '../../i18n/locale.ts';
import { renderBrief } from '../../report/briefs.ts';
import { withDb } from '../context.ts';
import { write } from '../output.ts';

export function register(program: Command): void {
  program
    .command('brief')
    .description('briefing: brief <mineral> | brief partner <ISO3> | brief trilateral')
    .argument('<subject>', 'a mineral id, "partner" or "trilateral"')
    .argument('[code]', 'with partner: the country (ISO3), e.g. IND or MNG')
    .option('--html', 'HTML with static SVG charts instead of Markdown')
    .option('--pdf <file>', 'also render a PDF through the installed Chromium')
    .action(
      async (
        subject: string,
        code: string | undefined,
        opts: { html?: boolean; pdf?: string },
        cmd: Command,
      ) => {
        await withDb(cmd, async (db) => {
          const doc = await renderBrief(db, {
            subject,
            code,
            format: opts.html || opts.pdf ? 'html' : 'md',
            pdf: opts.pdf,
            lang: localeOf(cmd.optsWithGlobals()),
          });
          write(doc);
        });
      },
    );
}
