"""The kamergraph ontology: the Turtle file and the namespace module generated from it."""

from importlib.resources import files
from pathlib import Path

ONTOLOGY_FILE: Path = Path(str(files(__name__) / "kamergraph.ttl"))
