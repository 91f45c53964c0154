// Writes one .zndsl that makes the assertions of several tests, in the order given, on a single
// network: what zombienet/test.sh runs when it runs more than one test (zombienet starts one
// network per .zndsl file).
//
//   node suite.js OUT TEST.zndsl…
//
// OUT gets a header of its own (Description, `Network:` the tests' network file as an absolute
// path, Creds), then each test's lines after its header, unchanged but for the paths of its
// js-scripts (and ts-scripts, `run` scripts), made absolute, since OUT lives elsewhere. All tests
// must name the same network file. The result is checked with zombienet's own DSL parser: OUT
// holds exactly the assertions of the tests, in order, with the same arguments. Prints the number
// of assertions of each test, one per line (test.sh uses them to tell which test a result line of
// zombienet belongs to). Nothing is rendered here: zombienet renders OUT with the environment
// (`{{LANDCHAIN_UPGRADE_WASM}}` …) as it renders each test file.

const fs = require("fs");
const path = require("path");
const parser = require("@zombienet/dsl-parser-wrapper");

const HEADER = /^\s*(Description|Network|Creds)\s*:/;
const SCRIPT = /(\s(?:js-script|ts-script|run)\s+)(\S+)/;

function parse(file, text) {
  try {
    return JSON.parse(parser.parse_to_json(text));
  } catch (error) {
    throw new Error(`${file}: zombienet's DSL parser refuses it: ${error.message || error}`);
  }
}

/// The assertion with its script path (if any) resolved against `base`.
function resolved(assertion, base) {
  const args = { ...assertion.parsed.args };
  for (const key of ["file_path", "file_or_uri"]) {
    if (typeof args[key] === "string" && !/^[a-z]+:\/\//.test(args[key])) args[key] = path.resolve(base, args[key]);
  }
  return JSON.stringify({ fn: assertion.parsed.fn, args });
}

function main() {
  const [out, ...files] = process.argv.slice(2);
  if (!out || files.length === 0) throw new Error("usage: node suite.js OUT TEST.zndsl…");
  let network;
  let creds;
  const names = [];
  const body = [];
  const counts = [];
  const expected = [];
  for (const file of files) {
    const base = path.dirname(path.resolve(file));
    const text = fs.readFileSync(file, "utf8");
    const def = parse(file, text);
    const net = path.resolve(base, def.network);
    if (network === undefined) network = net;
    else if (net !== network) throw new Error(`${file} runs on ${net}, the tests before it on ${network}`);
    creds = creds || def.creds;
    names.push(path.basename(file, ".zndsl"));
    counts.push(def.assertions.length);
    expected.push(...def.assertions.map((assertion) => resolved(assertion, base)));
    body.push("", `# ── ${path.basename(file)}: ${def.description || ""}`);
    for (const line of text.split("\n")) {
      if (HEADER.test(line)) continue;
      if (/^\s*#/.test(line)) {
        body.push(line);
        continue;
      }
      body.push(
        line.replace(SCRIPT, (whole, lead, script) =>
          path.isAbsolute(script) || /^[a-z]+:\/\//.test(script) ? whole : lead + path.resolve(base, script),
        ),
      );
    }
  }
  const text = [
    `Description: ${names.join(", ")} on one network, in this order`,
    `Network: ${network}`,
    `Creds: ${creds || "config"}`,
    ...body,
    "",
  ].join("\n");

  const def = parse(out, text);
  const got = def.assertions.map((assertion) => resolved(assertion, path.dirname(path.resolve(out))));
  if (got.length !== expected.length || got.some((assertion, i) => assertion !== expected[i])) {
    const at = got.findIndex((assertion, i) => assertion !== expected[i]);
    throw new Error(
      `the combined file does not hold the tests' assertions: ${got.length} instead of ${expected.length}` +
        (at >= 0 ? `; #${at + 1} is ${got[at]}, expected ${expected[at]}` : ""),
    );
  }
  if (path.resolve(path.dirname(path.resolve(out)), def.network) !== network) {
    throw new Error(`the combined file names the network ${def.network}, not ${network}`);
  }
  fs.writeFileSync(out, text);
  console.log(counts.join("\n"));
}

try {
  main();
} catch (error) {
  console.error(`suite.js: ${error.message}`);
  process.exit(1);
}
