"""Sphinx configuration for a council's Member Officer Relations Protocol.

Everything that names this council lives here (and in docs/): the extensions in extensions/ are
generic, so another council copies them and changes only this file and the content.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# -- The council ---------------------------------------------------------------------------------
council = {
    "council_name": "North East Derbyshire District Council",
    "council_short_name": "NEDDC",
    "monitoring_officer": "Assistant Director of Governance and Monitoring Officer",
    "head_of_paid_service": "Chief Executive (Head of Paid Service)",
    "section_151_officer": "Chief Finance Officer (Section 151 Officer)",
    "hr_contact": "Human Resources",
    "communications_contact": "Communications Team",
    "democratic_services": "Democratic Services",
    "website": "https://www.ne-derbyshire.gov.uk",
}

project = "Member Officer Relations Protocol"
author = council["council_name"]
copyright = f"2026, {council['council_name']}"
language = "en_GB"

# -- Extensions ----------------------------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "extensions.clauses",
    "extensions.principles",
    "extensions.dodont",
    "extensions.codes",
    "extensions.rawhtml",
    "extensions.tracked",
    "extensions.themefixes",
    "extensions.search",
    "extensions.pdf",
]

myst_enable_extensions = ["colon_fence", "deflist", "substitution", "fieldlist"]
myst_substitutions = council
myst_heading_anchors = 3

clause_reference_prefix = "paragraph"
codes_registry = "docs/_data/codes.toml"

exclude_patterns = ["_data", "editions"]  # editions/: the previous edition, wired in with issue 4

# -- PDF (sphinx-build -b pdf; build them before the site, which links them) -------------------
pdf_organisation = council["council_name"]
pdf_output_dir = "_build/pdf"
pdf_documents = [
    {
        "start": "protocol/index",
        "filename": "member-officer-relations-protocol",
        "status": "Draft for consultation, 2026",
        "contents": True,
        "annexes": ["glossary", "codes"],
    },
    {"start": "notes/members", "filename": "members-notes", "status": "Draft, 2026", "max_pages": 1},
    {"start": "notes/employees", "filename": "employees-notes", "status": "Draft, 2026", "max_pages": 1},
]

# -- HTML ----------------------------------------------------------------------------------------
html_theme = "furo"
html_title = "Member Officer Relations Protocol"
html_static_path = ["docs/_static"]
templates_path = ["docs/_templates"]  # the search page, and repairs to the theme's HTML
html_css_files = ["site.css"]
html_favicon = "docs/_static/favicon.svg"  # without one, every page view asks for a missing /favicon.ico
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {"top_of_page_buttons": []}
