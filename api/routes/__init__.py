"""One router per resource: letters, motions, persons, programmes, countries, funding, sparql, export, queries."""
