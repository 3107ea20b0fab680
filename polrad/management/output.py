"""Output of the management commands: plain English for operators, like Django's own."""


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 recipient", "2 recipients", "5,000 rows": the number with the right noun."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {noun}"
