// Screen-reader plumbing shared by the pages: a polite live region for loading and status messages, the
// document title per page, and moving focus to the page heading after navigation.

let announcer: HTMLElement | null = null;
let pending: ReturnType<typeof setTimeout> | undefined;

/** The live region the frame renders once (role=status); announce() writes into it. */
export function setAnnouncer(el: HTMLElement | null) {
  announcer = el;
}

/** Says a short message through the live region (cleared first so a repeated message is spoken again). */
export function announce(message: string) {
  if (!announcer) return;
  announcer.textContent = '';
  clearTimeout(pending);
  const el = announcer;
  pending = setTimeout(() => {
    el.textContent = message;
  }, 50);
}

let section = '';
let detail = '';
let suffix = 'minsec';
const apply = () => {
  document.title = [detail, section, suffix].filter(Boolean).join(' — ');
};

/** The frame names the page (its navigation label) and the product. */
export function setPageSection(name: string, product = 'minsec') {
  section = name;
  suffix = product;
  detail = '';
  apply();
}

/** A page refines its title with what it shows (e.g. the mineral and country). */
export function setPageDetail(text: string) {
  detail = text;
  apply();
}

let focusPending = false;

/**
 * Focuses the page's main heading (made focusable for that). A page whose code is still loading has no heading
 * yet: the main region takes focus now and the heading when the page has rendered (focusHeadingIfPending).
 */
export function focusHeading() {
  const main = document.getElementById('main');
  const h1 = main?.querySelector('h1');
  const target = (h1 ?? main) as HTMLElement | null;
  focusPending = !h1;
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: false });
}

/** Called once a page has rendered: completes a focus move that was waiting for its heading. */
export function focusHeadingIfPending() {
  if (focusPending) focusHeading();
}
