"""Campaign content on disk (``content/``): read, import into the database, export back."""
