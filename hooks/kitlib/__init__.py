"""The kit's library: what the registered hooks in hooks/*.py import.

Nothing here registers a MkDocs event, and no hook imports another hook:
MkDocs loads each hook by its path, so a hook imported by another would be a
second module with its own state. Shared state lives here, in one module.

- kit: data/kit.yml, loaded, validated and looked up
- locales: the built languages, their folders and the site's addresses
- sheets: rendering of the kit's templates through the theme's environment
- checklist: what the self-assessment and synthesis scripts are given
- typography: French typography of prose
- downloads: the worksheet PDFs and whether a build makes them
- offline: the offline copy (its HTML, scripts and zip)
- order: the order of the hooks' events, with the reason for each
- run: which command runs (build or serve)
"""
