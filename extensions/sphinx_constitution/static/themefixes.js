// Repairs to furo's behaviour; theme/themefixes.py says why each is needed.
//
// On a narrow screen furo opens its navigation and contents drawers from icons that are <label>s for
// hidden checkboxes: no keyboard can reach them and screen readers find no control. Each icon becomes a
// button ("Site navigation", "Contents of this page") that says whether its drawer is open; opening it
// from the keyboard moves the focus into the drawer, and Escape closes it and returns the focus.
(() => {
  "use strict";

  const DRAWERS = [
    { toggle: "__navigation", drawer: ".sidebar-drawer", icons: "label.nav-overlay-icon" },
    { toggle: "__toc", drawer: ".toc-drawer", icons: "label.toc-overlay-icon" },
  ];

  function setUp({ toggle, drawer, icons }) {
    const box = document.getElementById(toggle);
    const panel = document.querySelector(drawer);
    if (!box || !panel) return;
    if (!panel.id) panel.id = `con-${toggle.replace(/^_+/, "")}-drawer`;
    let opener = null;
    const buttons = [...document.querySelectorAll(icons)].map((label) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.append(...label.childNodes);
      button.setAttribute("aria-label", panel.getAttribute("aria-label") || box.getAttribute("aria-label"));
      button.setAttribute("aria-controls", panel.id);
      button.addEventListener("click", () => {
        opener = button;
        box.click();
        const first = box.checked && panel.querySelector("a[href], input:not([type=hidden]), button");
        if (first) setTimeout(() => first.focus(), 0); // once the drawer is visible
      });
      label.replaceWith(button);
      return button;
    });
    const sync = () => buttons.forEach((b) => b.setAttribute("aria-expanded", String(box.checked)));

    box.addEventListener("change", sync);
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !box.checked) return;
      box.click();
      (opener || buttons.find((b) => b.checkVisibility()) || document.body).focus();
    });
    sync();
  }

  const start = () => DRAWERS.forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
