"""The ground floor: plain Python rules every layer may use (no Django, no app imports)."""
