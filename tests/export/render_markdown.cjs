// Renders Markdown files to HTML with markdown-it, raw HTML and bare-link detection switched on (the most a
// reader may do). Usage: node render_markdown.cjs MARKDOWN_IT_DIR FILE...; prints {file: html} as JSON.
// A file's YAML front matter (--- ... ---) is dropped first, as Markdown viewers do.
const fs = require("fs");
const MarkdownIt = require(process.argv[2]);

const md = new MarkdownIt({ html: true, linkify: true });
const rendered = {};
for (const file of process.argv.slice(3)) {
  let text = fs.readFileSync(file, "utf8");
  const front = text.match(/^---\n[\s\S]*?\n---\n/);
  if (front) text = text.slice(front[0].length);
  rendered[file] = md.render(text);
}
process.stdout.write(JSON.stringify(rendered));
