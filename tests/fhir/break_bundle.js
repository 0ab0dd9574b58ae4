#!/usr/bin/env node
// Breaks a bundle in one named way, for tests/fhir/broken_bundle.sh:
//   node break_bundle.js BREAK IN.json OUT.json
'use strict';

const fs = require('fs');

const [how, input, output] = process.argv.slice(2);
const bundle = JSON.parse(fs.readFileSync(input, 'utf8'));
const first = (type) => bundle.entry.find((e) => e.resource.resourceType === type).resource;
const breaks = {
  // A status outside MeasureReportStatus (the schema's enum).
  status: () => { first('MeasureReport').status = 'final'; },
  // A status outside RequestStatus (the schema has no enum here: validate_bundle.js checks it).
  careplan_status: () => { first('CarePlan').status = 'agreed'; },
  // An element R4 does not define (the schema's additionalProperties).
  unknown_element: () => { first('CarePlan').agreedOn = '2025-01-01'; },
  // A reference to nothing in the bundle.
  dangling: () => { first('CarePlan').careTeam = [{ reference: 'urn:uuid:00000000-0000-5000-8000-000000000000' }]; },
  // A full NHS number outside Patient.identifier.
  nhs_in_text: () => { first('CarePlan').description = 'for 943 476 5919'; },
  // A wrong check digit in the NHS number identifier.
  nhs_check_digit: () => {
    const id = first('Patient').identifier[0];
    id.value = id.value.slice(0, 9) + String((Number(id.value[9]) + 1) % 10);
  },
  // A required element the schema does not enforce (MeasureReport.status is 1..1).
  missing_status: () => { delete first('MeasureReport').status; },
  // A case manager without the case-manager role code.
  role_code: () => { first('CareTeam').participant[0].role = [{ text: 'social worker' }]; },
};
if (!breaks[how]) {
  console.error(`unknown break ${how}; one of ${Object.keys(breaks).join(', ')}`);
  process.exit(2);
}
breaks[how]();
fs.writeFileSync(output, JSON.stringify(bundle, null, 2));
