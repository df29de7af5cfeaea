"""Qt item models: thin adapters over the domain lists held by a ProjectDocument."""
