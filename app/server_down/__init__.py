"""A till on a shared server that cannot reach it: opening and signing in from the local
copy, and the refusal of what needs the server (``docs/OFFLINE.md``, "Signing in
offline")."""
