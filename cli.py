"""kamergraph command line (placeholder)."""
def main() -> None:
    pass
