"""Parses FHIR R4 JSON files with fhir.resources 6.4.0 (FHIR 4.0.1 models): each Bundle, then
each entry's resource on its own. Usage: python validate_resources.py FILE...
Exit status 1 when any error is found."""
import json
import sys

import fhir.resources
from fhir.resources import construct_fhir_element

assert fhir.resources.__fhir_version__ == "4.0.1", fhir.resources.__fhir_version__

errors = 0
resources = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    items = [("Bundle", bundle)] + [
        (f"entry[{i}] {e['resource']['resourceType']}", e["resource"])
        for i, e in enumerate(bundle.get("entry", []))
    ]
    for where, resource in items:
        resources += 1
        try:
            construct_fhir_element(resource["resourceType"], resource)
        except Exception as e:  # pydantic.ValidationError and friends
            errors += 1
            print(f"{path}: {where}: {e}")
print(f"fhir.resources {fhir.resources.__version__}: {errors} errors in {resources} resources")
sys.exit(1 if errors else 0)
