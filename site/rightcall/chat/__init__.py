"""The assistant on the site: one turn at a time, from Rasa or from the built-in fallback.

The routes live with their areas: ``POST /api/chat`` in :mod:`rightcall.api.chat`, the
no-JavaScript page ``/<locale>/chat`` in :mod:`rightcall.public.chat_page`.
"""
