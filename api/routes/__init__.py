"""One module per group of endpoints, each exporting ``router``; api/main.py includes them by name."""
