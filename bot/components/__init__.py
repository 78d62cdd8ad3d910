"""Custom Rasa NLU components for the Right Call assistant."""
