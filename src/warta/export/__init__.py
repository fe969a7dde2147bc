"""Export stage: documents and PLOVER JSON Lines, CSV, Parquet."""
