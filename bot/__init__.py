"""Retrieval, answers, verification, claim checks, audits and quizzes."""
