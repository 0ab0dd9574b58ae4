// Validates the JSON that joinedup prints against the JSON Schemas in data/schema/, with ajv.
//
//   node check_outputs.js SOURCE_DIR JOINEDUP_BINARY [LIST]   (JOBS=n runs n at a time; 2)
//
// 1. Every line of tests/schema/outputs.txt ("SCHEMA COMMAND", SCHEMA relative to data/schema/)
//    is run with sh from SOURCE_DIR, with the joinedup binary first on PATH and $WORK a scratch
//    directory; its standard output must be one JSON document, or JSON lines, and each must
//    validate against SCHEMA. A command that prints nothing fails.
// 2. Completeness: every "joinedup/NAME/vN" tag written in src/ or include/ is the "schema"
//    constant (or $id) of a schema file, and every schema file in data/schema/output/ (and the
//    two older output schemas, settlement and forecast) is used by a line of outputs.txt: a new
//    output cannot land without a schema and an example run.
// 3. The shipped input documents (examples/data, data/demo, data/**) validate against the input
//    schema their "schema" tag names (examples/data/broken-* are broken on purpose and left
//    out; tests/schema/reject.sh shows that ajv rejects a wrong document).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

// ajv 8 is the one ajv-cli uses (tests/node also holds ajv 6, for the FHIR validator).
const ajvDir = path.dirname(require.resolve('ajv-cli/package.json'));
const Ajv2020 = require(require.resolve('ajv/dist/2020', { paths: [ajvDir] })).default;
const addFormats = require('ajv-formats');

const [source, binary] = process.argv.slice(2);
if (!source || !binary) {
  console.error('usage: node check_outputs.js SOURCE_DIR JOINEDUP_BINARY');
  process.exit(2);
}
const schemaDir = path.join(source, 'data', 'schema');
const olderOutputs = ['settlement.schema.json', 'forecast.schema.json'];
let failures = 0;
const fail = (msg) => {
  failures += 1;
  console.error('FAIL ' + msg);
};

// --- the schemas ------------------------------------------------------------------------------
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const schemaFiles = {};  // path relative to data/schema -> parsed schema
for (const dir of ['', 'output']) {
  for (const f of fs.readdirSync(path.join(schemaDir, dir)).sort()) {
    if (!f.endsWith('.schema.json')) continue;
    const rel = dir ? dir + '/' + f : f;
    const s = JSON.parse(fs.readFileSync(path.join(schemaDir, rel), 'utf8'));
    schemaFiles[rel] = s;
    ajv.addSchema(s);
  }
}
const validators = {};
function validator(rel) {
  if (!(rel in schemaFiles)) return null;
  if (!validators[rel]) validators[rel] = ajv.getSchema(schemaFiles[rel].$id);
  return validators[rel];
}
function errorsText(v) {
  return v.errors.slice(0, 8).map((e) => `  ${e.instancePath || '/'} ${e.message}` +
      (e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : '')).join('\n');
}
function tagOf(s) {
  const c = s.properties && s.properties.schema && s.properties.schema.const;
  return typeof c === 'string' ? c : s.$id;
}
for (const rel of Object.keys(schemaFiles)) {
  try {
    validator(rel);
  } catch (e) {
    fail(`${rel}: does not compile: ${e.message}`);
  }
}

// --- 1. the example runs ----------------------------------------------------------------------
const listFile = process.argv[4] || path.join(source, 'tests', 'schema', 'outputs.txt');
const used = new Set();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-schema-'));
const env = Object.assign({}, process.env, {
  PATH: path.dirname(path.resolve(binary)) + path.delimiter + process.env.PATH,
  ASAN_OPTIONS: 'detect_leaks=0',
});
let documents = 0;
const runs = [];
fs.readFileSync(listFile, 'utf8').split('\n').forEach((raw, i) => {
  const line = raw.trim();
  if (!line || line.startsWith('#')) return;
  const where = `${path.basename(listFile)}:${i + 1}`;
  const m = /^(\S+)\s+(.+)$/.exec(line);
  if (!m) return fail(`${where}: expected "SCHEMA COMMAND"`);
  const [, rel, command] = m;
  let v = null;
  try {
    v = validator(rel);
  } catch (e) { /* reported above */ }
  if (!v) return fail(`${where}: no usable schema data/schema/${rel}`);
  used.add(rel);
  runs.push({ where, rel, command, v, n: runs.length });
});

/// Runs one line (in its own scratch directory, $WORK) and checks what it printed.
function run(r) {
  return new Promise((resolve) => {
    const dir = path.join(work, String(r.n));
    fs.mkdirSync(dir);
    const child = spawn('sh', ['-c', r.command], { cwd: source, env: Object.assign({}, env, { WORK: dir }) });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('close', (status) => {
      const text = Buffer.concat(out).toString('utf8');
      const head = `${r.where}: ${r.command}`;
      if (!text.trim()) {
        fail(`${head}: printed nothing (exit ${status}): ${Buffer.concat(err).toString('utf8').slice(0, 300)}`);
        return resolve();
      }
      let docs;
      try {
        docs = [JSON.parse(text)];
      } catch (e) {
        try {
          docs = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
        } catch (e2) {
          fail(`${head}: the output is neither JSON nor JSON lines: ${e2.message}`);
          return resolve();
        }
      }
      docs.forEach((doc, n) => {
        documents += 1;
        if (!r.v(doc)) fail(`${head}: document ${n + 1} does not match ${r.rel}:\n${errorsText(r.v)}`);
      });
      resolve();
    });
  });
}

async function runAll() {
  const jobs = Math.max(1, Number(process.env.JOBS) || 2);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) await run(runs[next++]);
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  fs.rmSync(work, { recursive: true, force: true });
}

let tags = new Map();  // tag -> a file that writes it
let inputsChecked = 0;

function checkRest() {
// --- 2. completeness --------------------------------------------------------------------------
(function scan(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) scan(p);
    else if (/\.(cpp|hpp|h)$/.test(e.name)) {
      for (const t of fs.readFileSync(p, 'utf8').matchAll(/"(joinedup\/[a-z0-9-]+\/v[0-9]+)"/g))
        if (!tags.has(t[1])) tags.set(t[1], path.relative(source, p));
    }
  }
})(path.join(source, 'src'));
(function scan(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) scan(p);
    else for (const t of fs.readFileSync(p, 'utf8').matchAll(/"(joinedup\/[a-z0-9-]+\/v[0-9]+)"/g))
      if (!tags.has(t[1])) tags.set(t[1], path.relative(source, p));
  }
})(path.join(source, 'include'));
const described = new Set(Object.values(schemaFiles).map(tagOf));
for (const [tag, file] of [...tags].sort()) {
  if (!described.has(tag)) fail(`${tag} (written in ${file}) has no schema in data/schema/ (output schemas go in data/schema/output/)`);
}
for (const rel of Object.keys(schemaFiles)) {
  const isOutput = rel.startsWith('output/') || olderOutputs.includes(rel);
  if (isOutput && rel !== 'output/defs.schema.json' && !used.has(rel))
    fail(`data/schema/${rel} is not used by any line of tests/schema/outputs.txt: add an example run`);
}

// --- 3. the shipped input documents -----------------------------------------------------------
const byTag = {};
for (const [rel, s] of Object.entries(schemaFiles)) {
  if (!rel.startsWith('output/') && !olderOutputs.includes(rel)) byTag[tagOf(s)] = rel;
}
const inputs = [];
for (const dir of ['examples/data', 'data']) {
  (function scan(d) {
    for (const e of fs.readdirSync(path.join(source, d), { withFileTypes: true })) {
      const rel = d + '/' + e.name;
      if (e.isDirectory()) { if (rel !== 'data/schema') scan(rel); }
      else if (e.name.endsWith('.json') && !e.name.startsWith('broken-')) inputs.push(rel);
    }
  })(dir);
}
for (const rel of inputs.sort()) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(path.join(source, rel), 'utf8'));
  } catch (e) {
    fail(`${rel}: not JSON: ${e.message}`);
    continue;
  }
  const tag = doc && typeof doc === 'object' ? doc.schema : undefined;
  if (!byTag[tag]) {
    fail(`${rel}: its schema tag ${JSON.stringify(tag)} names no input schema in data/schema/`);
    continue;
  }
  const v = validator(byTag[tag]);
  inputsChecked += 1;
  if (!v(doc)) fail(`${rel}: does not match ${byTag[tag]}:\n${errorsText(v)}`);
}

}

runAll().then(() => {
  checkRest();
  console.log(`${runs.length} runs, ${documents} output documents, ${tags.size} schema tags, ` +
            `${inputsChecked} input documents checked; ${failures} failure(s)`);
  process.exit(failures ? 1 : 0);
});
