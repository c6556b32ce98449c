"""Pure-Python extraction of tasks from Vietnamese policy text. No Django imports here."""
