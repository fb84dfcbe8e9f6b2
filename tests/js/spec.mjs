// The specs the pages are given (hooks/kitlib/checklist.py), from data/kit.yml: read from the
// JSON file $KIT_SPECS names when it is set, otherwise made with the project's Python (.venv,
// which `make test` sets up), so that `node --test` runs alone from the repository.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function make() {
  const python = existsSync(`${root}.venv/bin/python`) ? `${root}.venv/bin/python` : "python3";
  try {
    return execFileSync(python, ["-c", [
    "import json, sys; sys.path.insert(0, 'hooks')",
    "from kitlib import checklist, kit",
    "data = kit.load()",
    "print(json.dumps({lang: checklist.synthesis_spec(data, lang) for lang in ('fr', 'en')}))",
    ].join("\n")], { cwd: root, encoding: "utf-8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`The specs of data/kit.yml could not be made with ${python}: run \`make test\` once `
      + `(it sets up .venv), or set KIT_SPECS to a JSON file of them.\n${error.stderr || error.message}`);
  }
}

export const specs = JSON.parse(process.env.KIT_SPECS ? readFileSync(process.env.KIT_SPECS, "utf-8") : make());
export const spec = specs.fr;
export const itemIds = spec.exchanges.flatMap((exchange) => exchange.items.map((item) => item.id));
export const scaleOf = (id) => spec.scales[spec.exchanges.find((e) => e.items.some((i) => i.id === id)).scale];

// A record as the page exports it.
export function exported(answers, extra = {}) {
  return { schema: spec.schema, contentVersion: spec.contentVersion, lang: "fr",
           updatedAt: "2026-11-20T10:00:00.000Z", role: "", resource: "", answers, ...extra };
}

// What a Markdown line looks like once escaped characters are taken out.
export const unescaped = (line) => line.replace(/\\./g, "");
