// A clause's permalink also copies the clause's permanent address, and says so.
//
// The permalink stays an ordinary link to the clause's permanent address (editions/2026/…#clause-6-7),
// which, for the current edition, forwards back to this page. With this script, following it stays on
// the page and goes to the clause; the permanent address is put on the clipboard, and a status message
// (role="status", so screen readers announce it) says "Link to paragraph 6.7 copied". The permalink is the
// clause's number, named "paragraph 6.7".
(() => {
  "use strict";

  const SHOWN_FOR_MS = 5000;
  let status = null;
  let timer = 0;

  function statusRegion() {
    if (!status) {
      status = document.createElement("div");
      status.className = "con-copy-status";
      status.setAttribute("role", "status");
      (document.querySelector("[role=main]") || document.body).append(status); // inside a landmark
    }
    return status;
  }

  function say(message) {
    const region = statusRegion();
    clearTimeout(timer);
    region.textContent = message;
    region.classList.add("con-copy-status-shown");
    timer = setTimeout(() => {
      region.classList.remove("con-copy-status-shown");
      region.textContent = "";
    }, SHOWN_FOR_MS);
  }

  // Without the asynchronous Clipboard API (an http:// page that is not localhost), copy the old way.
  function copyWithSelection(text) {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "con-copy-field";
    document.body.append(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    field.remove();
    return copied;
  }

  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // refused (no permission, or the page is not focused): try the old way
      }
    }
    return copyWithSelection(text);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.con-clause-link");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const name = link.getAttribute("aria-label") ? `Link to ${link.getAttribute("aria-label")}` : "Link";
    const address = link.href; // absolute: the clause's permanent address
    const clause = link.closest(".con-clause");
    if (clause && clause.id && link.hash === `#${clause.id}` && link.pathname !== location.pathname) {
      // The permanent address of a current edition's page forwards here: stay, and go to the clause.
      event.preventDefault();
      location.hash = clause.id;
    }
    copy(address).then((copied) => {
      say(copied ? `${name} copied` : `${name} is in the address bar; copying it failed`);
    });
  });

  // The live region exists before anything is written to it, so screen readers announce the first copy.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", statusRegion);
  else statusRegion();
})();
