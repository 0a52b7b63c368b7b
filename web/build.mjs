// Bundles web/src entries with the pinned esbuild (infra/widget_bundle.py runs this at every
// synth and for the local stack): node web/build.mjs OUT_DIR ENTRY.ts...
// Each entry becomes one minified OUT_DIR/<name>.js (an IIFE, no eval, no imports left), with
// chatjs (less its CSM script, below), marked and DOMPurify inside. Imported .css files come in as minified text (the
// widget adopts them as constructed stylesheets, which a strict CSP allows).
import { readFile } from "node:fs/promises";
import { build, transform } from "esbuild";

// Browsers the bundles are written for (esbuild lowers newer syntax to this).
const TARGET = "es2020";

const minifiedCssAsText = {
  name: "minified-css-as-text",
  setup(builder) {
    builder.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const css = await transform(await readFile(path, "utf8"), { loader: "css", minify: true });
      return { contents: css.code.trim(), loader: "text" };
    });
  },
};

// chatjs carries the source of its client-side metrics (CSM) as an inline script it adds only
// when CSM is on: the chat view always sets disableCSM, and a strict CSP would refuse the
// inline script anyway. Dropped: ~7 KB of the widget's gzipped budget. The build fails if the
// pinned chatjs no longer has it exactly once (then look again).
const CSM_SCRIPT = /e\.innerHTML="\(function\(\) \{\\n {2}const global = self;(?:[^"\\]|\\.)*"/g;

const withoutCsmScript = {
  name: "chatjs-without-csm-script",
  setup(builder) {
    builder.onLoad({ filter: /amazon-connect-chat\.js$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      const found = source.match(CSM_SCRIPT) ?? [];
      if (found.length !== 1) throw new Error(`chatjs's CSM script found ${found.length} times`);
      return { contents: source.replace(CSM_SCRIPT, 'e.innerHTML=""'), loader: "js" };
    });
  },
};

const [outdir, ...entryPoints] = process.argv.slice(2);
if (!outdir || entryPoints.length === 0) {
  console.error("usage: node web/build.mjs OUT_DIR ENTRY.ts...");
  process.exit(2);
}
await build({
  entryPoints,
  outdir,
  bundle: true,
  minify: true,
  format: "iife",
  target: TARGET,
  legalComments: "eof", // chatjs's license notices travel with it
  logLevel: "warning",
  plugins: [minifiedCssAsText, withoutCsmScript],
});
