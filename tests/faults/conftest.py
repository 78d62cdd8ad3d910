"""Fault tests: the site under load while a part it depends on stops (PostgreSQL, Redis,
Rasa). Marked ``faults`` (``make test-faults`` runs only them; ``make test`` runs them too).
Each test starts its own PostgreSQL or Redis server, so stopping it disturbs nothing else."""
import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)
