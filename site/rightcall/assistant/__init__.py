"""The assistant's decisions, shared by the Rasa action server and the site's fallback.

Plain Python plus PyYAML, no Flask: the action server runs in the bot's own virtualenv and
imports this package too (``bot/.venv`` sees ``site/`` through a ``.pth`` file). Whatever
answers the resident — Rasa, or the site when Rasa is away — the danger check, the routes and
the words of the replies come from here and from ``content/assistant/``.
"""
