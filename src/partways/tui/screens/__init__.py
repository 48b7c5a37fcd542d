"""One screen per module; each posts `Navigate` messages rather than switching screens itself."""
