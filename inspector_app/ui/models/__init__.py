"""Qt item models of the desk."""
