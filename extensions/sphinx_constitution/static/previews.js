// Cross-references read in place (outputs/previews.py): a link to a clause, a glossary term, a code or a principle
// shows its target's preview beside it while the pointer is over it or the keyboard focus is on it.
//
// The previews are written into the page when it is built, in <template id="con-previews">, one for each address
// linked to; each becomes a popover (the browser's Popover API: drawn in the top layer, over the theme's header)
// described to screen readers by aria-describedby. WCAG 1.4.13, content on hover or focus:
// - dismissible: Escape hides it, without moving the pointer or the focus; it stays hidden until they leave the link;
// - hoverable: the pointer can move from the link onto the preview, which stays while it is there;
// - persistent: it stays until the pointer and the focus have left the link and the preview, or Escape.
// A touch on a link follows it, as before. Without this script (or the Popover API) each link is a plain link.
(() => {
  "use strict";

  const store = document.getElementById("con-previews");
  if (!store || !("content" in store) || !Object.hasOwn(HTMLElement.prototype, "popover")) return;

  const SHOW_AFTER_MS = 250; // a pointer crossing the text does not flash every link it passes over
  const HIDE_AFTER_MS = 300; // time to move the pointer from the link onto the preview
  const GAP = 6; // px between the link and the preview, and the least between the preview and the window's edge

  // A hint popover closes on Escape and on a click elsewhere, and leaves other popovers open; where the browser has
  // only manual popovers, this script closes it.
  const probe = document.createElement("div");
  probe.popover = "hint";
  const kind = probe.popover === "hint" ? "hint" : "manual";

  const home = document.querySelector("[role=main]") || document.body; // inside a landmark
  const byAddress = new Map();
  let count = 0;
  for (const written of store.content.children) {
    const preview = document.importNode(written, true);
    preview.id = `con-preview-${++count}`;
    preview.setAttribute("role", "tooltip");
    preview.popover = kind;
    home.append(preview);
    byAddress.set(written.dataset.for, preview);
  }

  const previewOf = new Map(); // link -> its preview
  for (const link of home.querySelectorAll("a.con-has-preview")) {
    const preview = byAddress.get(link.getAttribute("href"));
    if (!preview) continue;
    previewOf.set(link, preview);
    link.setAttribute("aria-describedby", preview.id);
    link.removeAttribute("title"); // the preview says it, once, and the browser's own tooltip would cover it
  }

  let shown = null; // the link whose preview is open
  let dismissed = null; // the link whose preview Escape hid: not shown again until the pointer and focus leave it
  let showTimer = 0;
  let hideTimer = 0;

  const isOpen = (preview) => preview.matches(":popover-open");

  // Under the link's last line (a link may wrap), or above its first where there is no room below: never over it.
  function place(link, preview) {
    const lines = link.getClientRects();
    if (!lines.length) return;
    const size = preview.getBoundingClientRect();
    let line = lines[lines.length - 1];
    let top = line.bottom + GAP;
    if (top + size.height > innerHeight - GAP && lines[0].top - GAP - size.height >= GAP) {
      line = lines[0];
      top = line.top - GAP - size.height;
    }
    const left = Math.max(GAP, Math.min(line.left, innerWidth - size.width - GAP));
    preview.style.top = `${Math.round(top)}px`;
    preview.style.left = `${Math.round(left)}px`;
  }

  function show(link) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (dismissed === link) return;
    if (shown && shown !== link) hide();
    const preview = previewOf.get(link);
    if (!isOpen(preview)) preview.showPopover();
    shown = link;
    place(link, preview);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!shown) return;
    const preview = previewOf.get(shown);
    shown = null;
    if (isOpen(preview)) preview.hidePopover();
  }

  // Whether the reader is still on the link or its preview: the pointer over either, or the keyboard focus on it.
  function wanted(link) {
    const preview = previewOf.get(link);
    return link.matches(":hover") || preview.matches(":hover") || link.matches(":focus-visible");
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (shown && !wanted(shown)) hide();
    }, HIDE_AFTER_MS);
  }

  function leave(link) {
    clearTimeout(showTimer);
    if (dismissed === link && !wanted(link)) dismissed = null;
    hideSoon();
  }

  for (const [link, preview] of previewOf) {
    link.addEventListener("pointerenter", (event) => {
      if (event.pointerType === "touch") return; // a touch follows the link
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      if (shown === link) return;
      showTimer = setTimeout(() => show(link), SHOW_AFTER_MS);
    });
    link.addEventListener("pointerleave", () => leave(link));
    link.addEventListener("focus", () => {
      if (link.matches(":focus-visible")) show(link); // from the keyboard, at once
    });
    link.addEventListener("blur", () => leave(link));
    link.addEventListener("click", () => {
      dismissed = null;
      hide();
    });
    preview.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    preview.addEventListener("pointerleave", () => leave(link));
    preview.addEventListener("toggle", (event) => {
      if (event.newState === "closed" && shown === link) {
        shown = null; // closed by the browser (a hint popover's Escape, or a click elsewhere)
        if (wanted(link)) dismissed = link;
      }
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !shown) return;
    dismissed = shown;
    hide();
  });

  let frame = 0;
  const follow = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (shown) place(shown, previewOf.get(shown));
    });
  };
  addEventListener("scroll", follow, { passive: true });
  addEventListener("resize", follow, { passive: true });
})();
