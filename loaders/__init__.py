"""Loading documents: read a file, extract facts, resolve identities, build and validate the document's graph."""
