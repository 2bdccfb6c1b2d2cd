"""Sphinx configuration for a council's Member Officer Relations Protocol.

Everything that names this council lives here (and in docs/): the extensions (the ``sphinx_constitution``
package in extensions/, installed by ``pip install .``) are generic, so another council installs them and
writes only this file and the content.
"""

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
extensions = ["myst_parser", "sphinx_design", "sphinx_constitution"]

myst_enable_extensions = ["colon_fence", "deflist", "substitution", "fieldlist"]
# What pages may name as {{ name }}: the council's details, and a link made from them. A value is Markdown; a
# page names a value and nothing else (sphinx_constitution/engine/content.py: no expressions).
myst_substitutions = {**council, "website_link": f"[the Council website]({council['website']})"}
myst_heading_anchors = 3

constitution_clause_reference_prefix = "paragraph"
constitution_codes_registry = "docs/_data/codes.toml"

exclude_patterns = ["_data"]

# -- Editions (newest first): the current text lives at protocol/; every edition is also kept for good
# at editions/<id>/, and a clause's permalink is that permanent address. Each edition's index page
# declares its status with {status}. ----------------------------------------------------------------
constitution_editions = {"2026": "protocol", "pre-2026": "editions/pre-2026"}
# An older edition, and the comparison with its deleted words, stay out of search.
constitution_search_skip = ["editions/*"]

# -- PDF (sphinx-build -b pdf; build them before the site, which links them) -------------------
constitution_pdf_organisation = council["council_name"]
constitution_pdf_output_dir = "_build/pdf"
constitution_pdf_documents = [
    # One for each edition: the current one at member-officer-relations-protocol.pdf, and every edition at
    # member-officer-relations-protocol-<edition>.pdf, which stays its own when a newer edition comes.
    {
        "editions": True,
        "filename": "member-officer-relations-protocol",
        "contents": True,
        "annexes": ["glossary", "codes"],
    },
    # The comparison of the two newest editions (docs/editions/changes-2026.md shows it).
    {"latest_changes": True, "filename": "member-officer-relations-protocol-changes", "contents": True},
    {"start": "notes/members", "filename": "members-notes", "max_pages": 1},
    {"start": "notes/employees", "filename": "employees-notes", "max_pages": 1},
]

# -- HTML ----------------------------------------------------------------------------------------
html_theme = "furo"
# The site's name, shown beside the council's at the top of every page and at the end of each page's title. It names
# the home page, not the protocol, whose start page is "Member Officer Relations Protocol": a link to either says
# where it leads.
html_title = "Members and officers working together"
# The council's identity on every page: its name, leading to its own website (a crest or logo would go in
# constitution_council_logo, a file beside this one).
constitution_council_name = council["council_name"]
constitution_council_url = council["website"]
# The council's look: theme files are trusted, reviewed as code, so they live
# outside docs/, which holds content only (README, Security).
html_static_path = ["theme/static"]
html_css_files = ["site.css"]
html_favicon = "theme/static/favicon.svg"  # without one, every page view asks for a missing /favicon.ico
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {"top_of_page_buttons": []}
# Each page's <meta name="description"> (what search engines show under its title) is its front matter's
# description, or its first words; a page with no words of its own (search, the index, forwarding pages) gets this.
constitution_description_default = f"{{title}}: the {{project}} of {council['council_name']}."
