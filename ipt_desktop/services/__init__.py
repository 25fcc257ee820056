"""Plain-Python use cases over the vault. No Qt here."""
