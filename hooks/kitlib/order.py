"""The order of the hooks' events, in one place, with the reason for each.

MkDocs runs the events of a name from the highest priority to the lowest
(default 0). The i18n plugin runs its on_config, on_post_page and
on_post_build at -100; it builds the other languages inside its own
on_post_build, so whatever needs every language comes after it.
"""

# on_config: before the plugins (the offline plugin adds a CDN worker shim
# unless one is already set).
BEFORE_PLUGINS = 10

# on_config: after the i18n plugin (-100), which sets the language being built.
AFTER_LANGUAGE = -110

# on_post_page: after the i18n plugin's rewrite of the page (-100).
PAGE_REWRITE = -50

# on_post_page: the offline copy's file links and scripts, once every other
# rewrite is done, but before the policy hashes the inline scripts.
LAST_PAGE_REWRITE = -900

# on_post_page: the Content Security Policy hashes the final inline scripts.
POLICY = -1000

# on_post_build: the search index split per language, after the i18n plugin
# has built every language (-100) and before the offline copy writes each
# index as a script (AFTER_SITE_FILES).
SEARCH_SPLIT = -199

# on_post_build: site files made from every language (sitemaps,
# reference.json, the offline copy's scripts), after the i18n plugin (-100).
AFTER_SITE_FILES = -200

# on_post_build: the theme's stylesheets cut down to what the pages use, once
# every page of every language is written (the last ones at AFTER_SITE_FILES)
# and before the offline zip takes a copy of the site.
TRIM = -250

# on_post_build: the PDFs and the offline zip, after the site files, so that
# a failed download build leaves a complete site behind.
DOWNLOADS = -300

# on_post_template: the last word on a theme page (the other language's 404,
# kept aside to be written in its folder), once the policy is in it.
LAST = -2000
