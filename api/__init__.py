"""The REST API and the read-only SPARQL endpoint over the store; create_app() is in api/main.py."""
