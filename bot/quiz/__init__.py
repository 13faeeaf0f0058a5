"""The quiz: questions generated from a brief's cited sentences, tolerant grading and stored sessions."""
