// A permanent address of a page of the current edition forwards to the page, keeping the #fragment (the clause),
// which the page's meta refresh would drop. The page names its target in data-forward-to. A file,
// not an inline script, so that a Content-Security-Policy without 'unsafe-inline' lets it run.
location.replace(new URL(document.currentScript.dataset.forwardTo, location.href).href + location.hash);
