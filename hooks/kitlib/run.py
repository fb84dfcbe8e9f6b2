"""What this MkDocs run is: `build`, `serve` or `gh-deploy` (set by the
downloads hook at start-up, read by whatever depends on it)."""

command = {"name": "build"}


# Whether this run is `mkdocs serve`.
def serving() -> bool:
    return command["name"] == "serve"
