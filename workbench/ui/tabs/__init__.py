"""One module per tab. A tab builds widgets, wires them to core jobs through the worker bridge and
holds no model logic."""
