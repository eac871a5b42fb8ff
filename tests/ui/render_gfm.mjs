// Renders Markdown bodies as Streamlit's frontend parses them: micromark (react-markdown's parser) with GFM
// bare-link detection (remark-gfm), tables, and the :name[...] directives Streamlit uses for colours and
// badges, raw HTML let through. Usage: node render_gfm.mjs NODE_MODULES_DIR < bodies.json; prints the HTML
// of each body as a JSON list. The packages are the ones markdownlint-cli2 pins in tools/package-lock.json.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const dir = process.argv[2];
const load = (name) => import(pathToFileURL(`${dir}/${name}/index.js`).href);
const { micromark } = await load("micromark");
const { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } = await load("micromark-extension-gfm-autolink-literal");
const { gfmTable, gfmTableHtml } = await load("micromark-extension-gfm-table");
const { directive, directiveHtml } = await load("micromark-extension-directive");

const anyDirective = function () {
  this.tag("<directive>");
  return true;
};
const bodies = JSON.parse(readFileSync(0, "utf8"));
const html = bodies.map((body) =>
  micromark(body, {
    allowDangerousHtml: true,
    extensions: [gfmAutolinkLiteral(), gfmTable(), directive()],
    htmlExtensions: [gfmAutolinkLiteralHtml(), gfmTableHtml(), directiveHtml({ "*": anyDirective })],
  }),
);
process.stdout.write(JSON.stringify(html));
