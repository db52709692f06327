"""banenmatch."""
