"""Manager reports: figures, the tables and charts made of them, the report command."""
