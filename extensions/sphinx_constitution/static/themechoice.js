// The reader's choice of light or dark colours (furo's theme button keeps it in localStorage), applied before the
// page is drawn. furo writes this line into every page as an inline <script>; a Content-Security-Policy without
// 'unsafe-inline' refuses that, so templates/page.html loads it from this file instead (theme/themefixes.py).
document.body.dataset.theme = localStorage.getItem("theme") || "auto";
