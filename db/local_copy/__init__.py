"""A till's local copy of the shared data: an embedded SQLite file with the till's own
schema, built from the server and kept current through its change feed
(``docs/OFFLINE.md``). ``build.py`` makes one, ``refresh.py`` applies the feed,
``tables.py`` says what is copied and how it is read from either server."""
