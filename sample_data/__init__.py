"""The sample export's folder; ``sample_data.generate`` makes it (also run as a script)."""
