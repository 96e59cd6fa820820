// "Copy link": the address reproduces what the page shows (route, query, language), so copying it shares the
// view. Where the clipboard is unavailable the link is shown, selected, to copy by hand.
import { useState } from 'preact/hooks';
import { announce } from '../a11y.ts';
import { useT } from '../i18n.tsx';
import { copyLink } from '../share.ts';

export function CopyLink() {
  const { t } = useT();
  const [manual, setManual] = useState<string | null>(null);
  return (
    <span class="copy-link">
      <button
        type="button"
        class="secondary"
        onClick={async () => {
          if (await copyLink()) {
            setManual(null);
            announce(t('share.copied'));
          } else setManual(location.href);
        }}
      >
        {t('share.copyLink')}
      </button>
      {manual && (
        <input
          type="text"
          readOnly
          value={manual}
          aria-label={t('share.manual')}
          ref={(el) => el?.select()}
        />
      )}
    </span>
  );
}
