// Bundles web/src entries with the pinned esbuild (infra/widget_bundle.py runs this at every
// synth and for the local stack): node web/build.mjs OUT_DIR ENTRY.ts...; the loader (the
// stable widget.js) pinned to a full bundle: node web/build.mjs --loader OUT_DIR
// BUNDLE_PATH INTEGRITY; or the npm package's files: node web/build.mjs --package OUT_DIR.
// Each entry becomes one minified OUT_DIR/<name>.js (an IIFE, no eval, no imports left), with
// chatjs (less its CSM script, below), marked and DOMPurify inside. Imported .css files come in as minified text (the
// widget adopts them as constructed stylesheets, which a strict CSP allows).
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
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

const IIFE = {
  bundle: true,
  minify: true,
  format: "iife",
  target: TARGET,
  legalComments: "eof", // chatjs's license notices travel with it
  logLevel: "warning",
  plugins: [minifiedCssAsText, withoutCsmScript],
};

// The npm package's files (web/package.json): index.js, the ES module of the widget and its
// API (everything inside, for any bundler), its .d.ts types by tsc, and widget.js, the
// bundle to host as a script.
async function buildPackage(outdir) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  await build({ ...IIFE, entryPoints: [`${root}/web/src/widget.ts`], outdir });
  await build({ ...IIFE, format: "esm", entryPoints: [`${root}/web/src/index.ts`], outdir });
  const tsc = `${root}/node_modules/typescript/bin/tsc`;
  const types = ["--declaration", "--emitDeclarationOnly", "--noEmit", "false"];
  execFileSync(
    process.execPath,
    [tsc, "-p", root, ...types, "--rootDir", `${root}/web/src`, "--outDir", outdir],
    {
      stdio: "inherit",
    },
  );
}

// strings.ts's launcher text ("title") per language, for the loader: built here rather than
// imported there, so the loader carries one string per language, not every string.
async function launcherLabels() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const built = await build({
    ...IIFE,
    format: "esm",
    write: false,
    entryPoints: [`${root}/web/src/strings.ts`],
  });
  const code = Buffer.from(built.outputFiles[0].contents).toString("base64");
  const { STRINGS } = await import(`data:text/javascript;base64,${code}`);
  return Object.fromEntries(Object.entries(STRINGS).map(([lang, table]) => [lang, table.title]));
}

// web/src/loader.ts as OUT_DIR/widget.js, pinned to the full bundle at BUNDLE_PATH (beside
// it: "assets/widget.<hash>.js") with its SRI integrity.
async function buildLoader(outdir, bundlePath, integrity) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  await build({
    ...IIFE,
    entryPoints: { widget: `${root}/web/src/loader.ts` },
    outdir,
    define: {
      FULL_BUNDLE: JSON.stringify(bundlePath),
      FULL_BUNDLE_INTEGRITY: JSON.stringify(integrity),
      LAUNCHER_LABELS: JSON.stringify(await launcherLabels()),
    },
  });
}

const [first, ...rest] = process.argv.slice(2);
if (first === "--package" && rest.length === 1) {
  await buildPackage(rest[0]);
} else if (first === "--loader" && rest.length === 3) {
  await buildLoader(rest[0], rest[1], rest[2]);
} else if (first && rest.length > 0 && !first.startsWith("--")) {
  await build({ ...IIFE, entryPoints: rest, outdir: first });
} else {
  console.error(
    "usage: node web/build.mjs OUT_DIR ENTRY.ts... | --loader OUT_DIR BUNDLE_PATH INTEGRITY" +
      " | --package OUT_DIR",
  );
  process.exit(2);
}
