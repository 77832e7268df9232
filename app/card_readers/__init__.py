"""Card readers as the till sets them up: their card formats and learning a wedge reader."""
