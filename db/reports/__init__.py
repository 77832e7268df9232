"""The reports' SQL: aggregations that run in the database, streamed where rows are many."""
