"""One builder per business rule. Each takes the model under construction and adds its constraints."""
