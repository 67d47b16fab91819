// Builds the offline API explorer: Altair's files from npm altair-static,
// with an index.html preset for Rampart (endpoint /graphql, the x-api-key
// header to fill in). `rampart serve --explorer-dir <out>` serves it at /altair.
//   node build.mjs OUT_DIR
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { getDistDirectory, renderAltair } from "altair-static";

const out = process.argv[2];
if (!out) {
  console.error("usage: node build.mjs OUT_DIR");
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(getDistDirectory(), out, { recursive: true });
const html = renderAltair({
  baseURL: "/altair/",
  endpointURL: "/graphql",
  initialName: "Rampart",
  initialQuery: "{\n  me {\n    email\n    role\n  }\n}\n",
  initialHeaders: { "x-api-key": "paste your API key (rk_...)" },
  disableAccount: true,
});
writeFileSync(`${out}/index.html`, html);
console.log(`explorer: wrote ${out}`);
